using System.Text.RegularExpressions;

namespace GitOps.Testing;

/// <summary>How <see cref="RenderSnapshot"/> finds, compares and accepts snapshots.</summary>
public sealed class SnapshotOptions
{
    /// <summary>The environment variable that accepts every difference instead of failing (<c>GITOPS_ACCEPT=1</c>).</summary>
    public const string AcceptVariable = "GITOPS_ACCEPT";

    private readonly List<Func<string, string, string>> scrubbers = [];

    /// <summary>
    /// The folder of <c>*.verified.yaml</c> files. Default: <c>snapshots/&lt;env&gt;</c> beside the calling test file.
    /// </summary>
    public string? SnapshotDirectory { get; set; }

    /// <summary>
    /// True to write every rendered object as verified (and delete dangling snapshots) instead of failing. Default:
    /// whether <c>GITOPS_ACCEPT</c> is <c>1</c> or <c>true</c>.
    /// </summary>
    public bool? Accept { get; set; }

    /// <summary>Where compiled scripts are cached; the user cache folder unless set.</summary>
    public string? CacheDirectory { get; set; }

    internal IReadOnlyList<Func<string, string, string>> Scrubbers => scrubbers;

    /// <summary>
    /// Rewrites every rendered file before comparison, e.g. to blank a build timestamp. The scrubber gets the file's
    /// path inside the environment (<c>shop/deployment_web.yaml</c>) and its YAML, and returns the YAML to compare.
    /// </summary>
    public SnapshotOptions Scrub(Func<string, string, string> scrubber)
    {
        ArgumentNullException.ThrowIfNull(scrubber);
        scrubbers.Add(scrubber);
        return this;
    }

    /// <summary>Replaces every match of <paramref name="pattern"/> with <paramref name="replacement"/> (<c>$1</c> allowed).</summary>
    public SnapshotOptions Scrub(Regex pattern, string replacement)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        return Scrub((_, yaml) => pattern.Replace(yaml, replacement));
    }

    internal bool AcceptsChanges(Func<string, string?> environment) =>
        Accept ?? environment(AcceptVariable) is "1" or "true" or "TRUE" or "True";
}

using GitOps.Rendering.Git;

namespace GitOps.Rendering;

/// <summary>What to render and where to put it.</summary>
public sealed record RenderSettings
{
    /// <summary>The default branch rendered trees are committed to.</summary>
    public const string DefaultBranch = "rendered";

    /// <summary>The identity rendered commits carry unless told otherwise.</summary>
    public static readonly CommitIdentity DefaultCommitter = new("gitops", "gitops@localhost");

    /// <summary>The folder holding <c>gitops.csx</c> and <c>environments/</c>.</summary>
    public required string ConfigRoot { get; init; }

    /// <summary>The environments to render; empty for all of <c>environments/*.csx</c>.</summary>
    public IReadOnlyList<string> Environments { get; init; } = [];

    /// <summary>Treat warnings (e.g. images without a pinned tag) as errors.</summary>
    public bool Strict { get; init; }

    /// <summary>Render uncommitted changes to the branch (recorded in each environment's metadata).</summary>
    public bool AllowDirty { get; init; }

    /// <summary>Write the tree to this folder instead of committing it.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>The branch to commit to.</summary>
    public string Branch { get; init; } = DefaultBranch;

    /// <summary>Author and committer of rendered commits.</summary>
    public CommitIdentity Committer { get; init; } = DefaultCommitter;

    /// <summary>Where compiled scripts are cached; the user cache folder unless set.</summary>
    public string? CacheDirectory { get; init; }
}

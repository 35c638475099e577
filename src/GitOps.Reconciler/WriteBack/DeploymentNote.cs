using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Reconciler.WriteBack;

/// <summary>
/// One line of a rendered commit's note under <c>refs/notes/gitops</c>: what one cluster did with the commit, e.g.
/// <c>applied and healthy on prod-eu at 2026-11-27T16:10:00Z (path prod)</c> or
/// <c>not applied on prod-eu at ... (path prod): signature refused: ...</c>. One line per cluster and path.
/// </summary>
public sealed partial record DeploymentNote(string Cluster, string Path, string Outcome, DateTimeOffset At, string? Reason)
{
    public const string NotesRef = "refs/notes/gitops";

    /// <summary>The outcome text for an applied and healthy commit.</summary>
    public const string Healthy = "applied and healthy";

    public bool IsHealthy => Outcome == Healthy;

    public override string ToString() =>
        $"{Outcome} on {Cluster} at {At.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} (path {Path})"
        + (Reason is null ? "" : $": {Reason.ReplaceLineEndings(" ")}");

    public static DeploymentNote? Parse(string line)
    {
        var match = LinePattern().Match(line.Trim());
        return match.Success && DateTimeOffset.TryParse(match.Groups["at"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? new DeploymentNote(match.Groups["cluster"].Value, match.Groups["path"].Value, match.Groups["outcome"].Value, at,
                match.Groups["reason"].Success ? match.Groups["reason"].Value : null)
            : null;
    }

    public static IReadOnlyList<DeploymentNote> ParseAll(string? text) =>
        (text ?? "").Split('\n').Select(Parse).OfType<DeploymentNote>().ToList();

    [GeneratedRegex(@"^(?<outcome>.+?) on (?<cluster>\S+) at (?<at>\S+) \(path (?<path>[^)]*)\)(?:: (?<reason>.*))?$")]
    private static partial Regex LinePattern();
}

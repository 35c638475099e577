using System.Globalization;

namespace GitOps.Reconciler.Status;

/// <summary>
/// How a reconcile result is told in the status ConfigMap and in Events, the same for `gitops agent` and one-shot
/// `gitops reconcile`, so `gitops status` and `kubectl get events` read alike whichever ran.
/// </summary>
internal static class ReconcileSummary
{
    /// <summary>Counts of desired objects by health, such as <c>12 current, 1 in progress</c>.</summary>
    public static string Health(ReconcileResult result)
    {
        var desired = result.Objects.Where(o => o.Action is not (ObjectAction.Pruned or ObjectAction.PruneSkipped)).ToList();
        if (desired.Count == 0)
        {
            return "no objects";
        }

        return string.Join(", ", desired.GroupBy(o => o.Health).OrderBy(g => g.Key)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {Describe(g.Key)}")));
    }

    /// <summary>Succeeded with every desired object current.</summary>
    public static bool Healthy(ReconcileResult result) =>
        result.Succeeded && result.Objects.All(o => o.Health == HealthState.Current || o.Action is ObjectAction.Pruned or ObjectAction.PruneSkipped);

    /// <summary>Every error of the result on its own line, or null.</summary>
    public static string? Error(ReconcileResult result) => result.Errors.Count > 0 ? string.Join("\n", result.Errors) : null;

    /// <summary>The message of an <c>Applied</c> Event.</summary>
    public static string AppliedEvent(ReconcileResult result, string trigger) => string.Create(CultureInfo.InvariantCulture,
        $"applied {Short(result.Commit)} ({trigger}): {result.Count(ObjectAction.Created)} created, {result.Count(ObjectAction.Configured)} configured, {result.Count(ObjectAction.Unchanged)} unchanged; health {Health(result)}");

    /// <summary>The message of a <c>Pruned</c> Event, or null when the run pruned nothing.</summary>
    public static string? PrunedEvent(ReconcileResult result) =>
        result.Objects.Where(o => o.Action == ObjectAction.Pruned).Select(o => o.Ref.ToString()).ToList() is { Count: > 0 } pruned
            ? $"pruned {pruned.Count} object(s) that left {Short(result.Commit)}: {string.Join(", ", pruned)}"
            : null;

    /// <summary>The message of a <c>ReconcileFailed</c> Event.</summary>
    public static string FailedEvent(ReconcileResult result) => $"{Short(result.Commit)}: {Error(result) ?? "unknown error"}";

    public static string Short(string? sha) => sha is null ? "nothing" : sha[..Math.Min(12, sha.Length)];

    private static string Describe(HealthState state) => state switch
    {
        HealthState.Current => "current",
        HealthState.InProgress => "in progress",
        HealthState.Failed => "failed",
        _ => "unknown",
    };
}

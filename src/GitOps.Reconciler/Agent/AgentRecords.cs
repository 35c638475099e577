using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Agent;

/// <summary>One attempt to apply a rendered commit, and what started it.</summary>
/// <param name="Commit">The rendered commit.</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="Trigger">startup, poll, webhook, manual (the dashboard's "sync now") or leadership.</param>
/// <param name="Result">applied, failed or refused.</param>
/// <param name="Error">Why it failed or was refused.</param>
public sealed record ReconcileRecord(string Commit, DateTimeOffset At, string Trigger, string Result, string? Error);

/// <summary>Drift found on one object: corrected, or only reported (self-heal off, backing off).</summary>
public sealed record DriftRecord(DateTimeOffset At, ObjectDrift Drift, bool Corrected);

internal static class RecordLists
{
    /// <summary>How many reconciles and drift findings the status keeps (they ride in the status ConfigMap).</summary>
    public const int Limit = 50;

    public static IReadOnlyList<T> Append<T>(IReadOnlyList<T> list, IEnumerable<T> added) =>
        [.. list.Concat(added).TakeLast(Limit)];
}

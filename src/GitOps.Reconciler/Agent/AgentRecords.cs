using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Agent;

/// <summary>One attempt to apply a rendered commit, and what started it.</summary>
/// <param name="Commit">The rendered commit.</param>
/// <param name="At">When the attempt ended.</param>
/// <param name="Trigger">startup, poll, webhook, manual (the dashboard's "sync now") or leadership; "reconcile --once" for a one-shot `gitops reconcile`.</param>
/// <param name="Result">applied, failed or refused.</param>
/// <param name="Error">Why it failed or was refused.</param>
public sealed record ReconcileRecord(string Commit, DateTimeOffset At, string Trigger, string Result, string? Error);

/// <summary>Drift found on one object: corrected, or only reported (self-heal off, backing off).</summary>
public sealed record DriftRecord(DateTimeOffset At, ObjectDrift Drift, bool Corrected)
{
    private const int MaxFields = 20;
    private const int MaxValueLength = 200;

    /// <summary>
    /// A record small enough to keep 50 of in the status ConfigMap (1 MiB at most): the first fields, long values cut.
    /// </summary>
    public static DriftRecord Bounded(DateTimeOffset at, ObjectDrift drift, bool corrected) =>
        new(at, drift with { Fields = [.. drift.Fields.Take(MaxFields).Select(f => f with { LiveValue = Cut(f.LiveValue), DesiredValue = Cut(f.DesiredValue) })] }, corrected);

    private static string? Cut(string? value) => value is { Length: > MaxValueLength } ? value[..MaxValueLength] + "..." : value;
}

internal static class RecordLists
{
    /// <summary>How many reconciles and drift findings the status keeps (they ride in the status ConfigMap).</summary>
    public const int Limit = 50;

    public static IReadOnlyList<T> Append<T>(IReadOnlyList<T> list, IEnumerable<T> added) =>
        [.. list.Concat(added).TakeLast(Limit)];

    /// <summary>
    /// This agent's reconciles together with those another writer - one-shot `gitops reconcile` - appended to the stored
    /// history since the agent read it: each once, oldest first, the latest <see cref="Limit"/> kept.
    /// </summary>
    public static IReadOnlyList<ReconcileRecord> Merge(IReadOnlyList<ReconcileRecord> mine, IReadOnlyList<ReconcileRecord> stored) =>
        stored.All(mine.Contains) ? mine : [.. mine.Union(stored).OrderBy(r => r.At).TakeLast(Limit)];
}

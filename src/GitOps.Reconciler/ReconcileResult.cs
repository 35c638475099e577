namespace GitOps.Reconciler;

/// <summary>What a run did (or, for a dry run, would do) to each object.</summary>
public enum ObjectAction
{
    Created,
    Configured,
    Unchanged,
    Pruned,

    /// <summary>Not in the desired set any more but left in place (prune disabled, or not labelled as ours).</summary>
    PruneSkipped,

    /// <summary>Planned, but the run stopped before it was applied.</summary>
    NotApplied,
}

/// <summary>The outcome for one object.</summary>
public sealed record ObjectResult(ObjectRef Ref, ObjectAction Action, HealthState Health, string? Message, IReadOnlyList<string> ChangedFields);

/// <summary>The outcome of one reconcile run.</summary>
public sealed record ReconcileResult
{
    public required bool Succeeded { get; init; }

    public required bool DryRun { get; init; }

    /// <summary>The commit the run pinned, once fetched.</summary>
    public string? Commit { get; init; }

    /// <summary>Why the run failed: every validation error, or the one failure that stopped it.</summary>
    public IReadOnlyList<string> Errors { get; init; } = [];

    public IReadOnlyList<ObjectResult> Objects { get; init; } = [];

    /// <summary>What went wrong besides the run itself, such as an outcome that could not be recorded in the cluster.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public string? Inventory { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>The part of <see cref="Duration"/> spent fetching the branch and reading the files at the pinned commit.</summary>
    public TimeSpan FetchDuration { get; init; }

    public int Count(ObjectAction action) => Objects.Count(o => o.Action == action);
}

using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Agent;

/// <summary>What the agent knows after its last cycle; also written to the cluster and served on <c>/status</c>.</summary>
public sealed record AgentStatus
{
    public string? LastAttemptedCommit { get; init; }

    public string? LastAppliedCommit { get; init; }

    public DateTimeOffset? LastAppliedAt { get; init; }

    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>applying, applied, failed, refused, in-sync, drift-corrected, drifted, suspended, outside-window, fetch-failed or pending.</summary>
    public string LastResult { get; init; } = "pending";

    /// <summary>What started the last cycle: startup, poll, webhook, manual or leadership.</summary>
    public string? LastTrigger { get; init; }

    public string? LastError { get; init; }

    /// <summary>Counts of desired objects by health, such as <c>12 current, 1 in progress</c>.</summary>
    public string Health { get; init; } = "unknown";

    public bool Healthy { get; init; }

    /// <summary>Drift corrections since the agent started.</summary>
    public long DriftCorrections { get; init; }

    /// <summary>Drift found by the last check (corrected unless self-heal is off or backing off).</summary>
    public IReadOnlyList<ObjectDrift> LastDrift { get; init; } = [];

    /// <summary>The last fetch failed: what is applied may be behind the branch.</summary>
    public bool Stale { get; init; }

    public bool Suspended { get; init; }

    public bool IsLeader { get; init; }

    /// <summary>The commit most recently refused (bad signature or force-push), if any.</summary>
    public string? RefusedCommit { get; init; }

    /// <summary>The latest reconciles (applied, failed or refused commits), oldest first.</summary>
    public IReadOnlyList<ReconcileRecord> History { get; init; } = [];

    /// <summary>The latest drift corrections and reports, oldest first.</summary>
    public IReadOnlyList<DriftRecord> DriftLog { get; init; } = [];

    /// <summary>Cycles completed.</summary>
    public long Cycles { get; init; }
}

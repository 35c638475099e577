using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Dashboard;

// The JSON the dashboard's API serves (camelCase). Secret values never appear in any of them.

/// <summary>A git commit as the dashboard shows it; subject and author are null when the commit is not in the repository.</summary>
internal sealed record CommitView(string Sha, string? Subject, string? Author, DateTimeOffset? When);

/// <summary>One environment: an agent's path in a cluster, identified by its inventory name.</summary>
internal sealed record EnvironmentView(
    string Inventory,
    string Cluster,
    string Path,
    string SyncState,
    string LastResult,
    string Health,
    bool Healthy,
    CommitView? Rendered,
    CommitView? Source,
    string? AttemptedCommit,
    DateTimeOffset? LastRunAt,
    DateTimeOffset? LastAppliedAt,
    string? LastTrigger,
    string? LastError,
    bool Suspended,
    bool Stale,
    long DriftCorrections,
    IReadOnlyDictionary<string, int> HealthCounts,
    IReadOnlyDictionary<string, int> SyncCounts);

/// <summary>Replica counts of a workload: what its controller has rolled out so far.</summary>
internal sealed record RolloutView(long Desired, long Updated, long Ready, long Available);

/// <summary>One object of an app with its health and sync state (in sync, out of sync, missing, unknown, not desired).</summary>
internal sealed record ObjectView(string Group, string Kind, string? Namespace, string Name, string Health, string HealthMessage, string Sync, RolloutView? Rollout);

internal sealed record AppView(string Name, IReadOnlyList<ObjectView> Objects);

/// <summary>An object's desired and live YAML (Secret values masked) and the fields where they differ.</summary>
internal sealed record ObjectDetail(ObjectView Object, string? DesiredYaml, string? LiveYaml, IReadOnlyList<FieldDrift> Diff, string? Note);

/// <summary>One applied (or failed, or refused) rendered commit with its source commit and its trigger.</summary>
internal sealed record HistoryEntry(CommitView Rendered, CommitView? Source, DateTimeOffset At, string Trigger, string Result, string? Error);

internal sealed record FileDiff(string Path, string Change, string Patch);

internal sealed record AppDiff(string App, IReadOnlyList<FileDiff> Files);

/// <summary>The change a rendered commit made to an environment, per app, against its first parent.</summary>
internal sealed record CommitDiff(string Commit, string? Parent, IReadOnlyList<AppDiff> Apps);

internal sealed record DashboardInfo(string Mode, bool ActionsEnabled, bool HasRepository);

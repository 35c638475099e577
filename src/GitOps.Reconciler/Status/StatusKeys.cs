namespace GitOps.Reconciler.Status;

/// <summary>Keys of the companion status ConfigMap (<c>&lt;inventory&gt;-status</c>) and the suspend annotation.</summary>
internal static class StatusKeys
{
    /// <summary>On the inventory ConfigMap: <c>"true"</c> makes the agent stop applying until it is removed.</summary>
    public const string Suspended = "gitops.io/suspended";

    /// <summary>On the inventory ConfigMap: a new value (a timestamp) asks the agent for a cycle now; `gitops ui`'s "sync now".</summary>
    public const string SyncRequested = "gitops.io/sync-requested";

    public const string Cluster = "cluster";
    public const string Path = "path";
    public const string LastAttemptedCommit = "lastAttemptedCommit";
    public const string LastAppliedCommit = "lastAppliedCommit";
    public const string RefusedCommit = "refusedCommit";
    public const string LastAppliedTime = "lastAppliedTime";
    public const string LastRunTime = "lastRunTime";
    public const string LastResult = "lastResult";
    public const string LastError = "lastError";
    public const string LastTrigger = "lastTrigger";
    public const string Health = "health";
    public const string Healthy = "healthy";
    public const string DriftCorrections = "driftCorrections";
    public const string LastDrift = "lastDrift";
    public const string Stale = "stale";
    public const string Leader = "leader";

    /// <summary>JSON: the latest reconciles with their triggers (<see cref="Agent.ReconcileRecord"/>).</summary>
    public const string History = "history";

    /// <summary>JSON: the latest drift corrections and reports (<see cref="Agent.DriftRecord"/>).</summary>
    public const string DriftLog = "driftLog";

    public static string ConfigMapName(string inventoryName) => $"{inventoryName}-status";
}

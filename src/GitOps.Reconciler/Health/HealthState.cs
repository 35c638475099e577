namespace GitOps.Reconciler;

/// <summary>kstatus-style health of one object.</summary>
public enum HealthState
{
    /// <summary>Not checked (a dry run, or the run stopped before).</summary>
    Unknown,

    /// <summary>Reconciled by its controller and ready.</summary>
    Current,

    /// <summary>Its controller is still working on it.</summary>
    InProgress,

    /// <summary>Its controller reports it cannot get there (a failed Job, a lost PVC, a Ready=False with a terminal reason).</summary>
    Failed,
}

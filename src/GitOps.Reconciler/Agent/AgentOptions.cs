using GitOps.Reconciler.Signatures;

namespace GitOps.Reconciler.Agent;

/// <summary>How `gitops agent` runs: what it reconciles (<see cref="Reconcile"/>) and how it loops, heals, reports and elects.</summary>
public sealed record AgentOptions
{
    /// <summary>Source, path, inventory and apply settings, as for one `gitops reconcile` run.</summary>
    public required ReconcileOptions Reconcile { get; init; }

    /// <summary>Time between polls of the branch (each poll also checks drift).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Share of the interval added or removed at random, so agents in many clusters do not poll in step.</summary>
    public double Jitter { get; init; } = 0.1;

    /// <summary>Re-apply fields that drifted; false only reports them.</summary>
    public bool SelfHeal { get; init; } = true;

    /// <summary>First pause before correcting the same object again; doubles while it keeps drifting back.</summary>
    public TimeSpan? DriftBackoff { get; init; }

    /// <summary>Longest pause between corrections of an object that keeps drifting back.</summary>
    public TimeSpan DriftBackoffLimit { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary><c>host:port</c> for the webhook, probes and metrics (port 0 picks a free port); null serves nothing.</summary>
    public string? Listen { get; init; }

    /// <summary>Shared secret for <c>X-Hub-Signature-256</c> on <c>POST /hooks/git</c>; without it the hook is disabled.</summary>
    public string? WebhookSecret { get; init; }

    /// <summary>Trusted signers; when set, unsigned, unknown-key and bad-signature commits are refused.</summary>
    public SignaturePolicy? Signatures { get; init; }

    /// <summary>Accept a branch tip that does not descend from the last applied commit.</summary>
    public bool AllowForcePush { get; init; }

    /// <summary>Record each outcome as a git note under refs/notes/gitops on the rendered commit, and push it.</summary>
    public bool WriteBack { get; init; }

    /// <summary>This cluster's name in notes, status and events.</summary>
    public string ClusterName { get; init; } = ReconcileOptions.DefaultClusterName;

    /// <summary>Lease-based leader election; null runs without it (a single replica).</summary>
    public LeaderElectionSettings? LeaderElection { get; init; } = new();

    /// <summary>The web dashboard on the listen address: on and read-only by default.</summary>
    public Dashboard.DashboardOptions Dashboard { get; init; } = new();

    /// <summary>Cron-style windows outside which nothing is applied (drift is still reported); null allows any time.</summary>
    public SyncWindows? SyncWindows { get; init; }

    /// <summary>How often the agent looks for a "sync now" request (<c>gitops.io/sync-requested</c>) on its inventory.</summary>
    internal TimeSpan SyncRequestPoll { get; init; } = TimeSpan.FromSeconds(2);

    internal TimeSpan EffectiveDriftBackoff => DriftBackoff ?? Interval / 2;
}

/// <summary>Lease timings, as for Kubernetes controllers: the lease lapses <see cref="LeaseDuration"/> after its last renewal.</summary>
public sealed class LeaderElectionSettings
{
    /// <summary>This replica's name in the Lease (default: host name plus a random suffix).</summary>
    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..6]}";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);
}

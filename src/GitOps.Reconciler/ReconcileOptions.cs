using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Signatures;

namespace GitOps.Reconciler;

/// <summary>What to reconcile from where, and how carefully.</summary>
public sealed class ReconcileOptions
{
    /// <summary>The remote: a local path, <c>file://</c>, <c>git://</c> or <c>https://</c> URL.</summary>
    public required string RepositoryUrl { get; init; }

    public string Branch { get; init; } = "rendered";

    /// <summary>The directory in the branch whose YAML files make the desired state ("." for the root).</summary>
    public string Path { get; init; } = ".";

    /// <summary>Where the bare clone is kept between runs, so later runs fetch only new commits.</summary>
    public string CacheDirectory { get; init; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gitops-cache");

    public GitCredentials? Credentials { get; init; }

    /// <summary>
    /// How long discovery cached under <see cref="CacheDirectory"/> is trusted; null reads discovery from the server on
    /// every run. One hour by default (kubectl trusts its cache for six): a kind the cache does not know refreshes it at
    /// once, so the limit only bounds how long a removed or re-versioned API can be believed. The environment variable
    /// <c>GITOPS_NO_DISCOVERY_CACHE=1</c> turns the cache off.
    /// </summary>
    public TimeSpan? DiscoveryCacheTtl { get; init; } =
        Environment.GetEnvironmentVariable("GITOPS_NO_DISCOVERY_CACHE") is { Length: > 0 } off && off != "0" ? null : TimeSpan.FromHours(1);

    /// <summary>PEM file of the CA(s) that signed an https:// remote's certificate, when the system store does not know it.</summary>
    public string? GitCaFile { get; init; }

    /// <summary>Compute and report the plan; write nothing to the cluster.</summary>
    public bool DryRun { get; init; }

    public bool Prune { get; init; } = true;

    /// <summary>Bounds the wait for health and for pruned objects to disappear.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Allow an empty desired set to prune everything the inventory holds.</summary>
    public bool AllowEmpty { get; init; }

    /// <summary>Allow pruning more than <see cref="MassPruneThreshold"/> of the inventory.</summary>
    public bool AllowMassPrune { get; init; }

    public double MassPruneThreshold { get; init; } = 0.5;

    /// <summary>The reconciler's namespace, where the inventory ConfigMap lives (created if missing).</summary>
    public string InventoryNamespace { get; init; } = "gitops-system";

    /// <summary>The inventory ConfigMap's name; defaults to <c>gitops-</c> plus the path.</summary>
    public string? InventoryName { get; init; }

    /// <summary>The name a cluster goes by in status and notes when none is given (the agent's default too).</summary>
    public const string DefaultClusterName = "default";

    /// <summary>
    /// This cluster's name in the status a run records. Null keeps the name already recorded there (by an agent's
    /// <c>--cluster-name</c>), or <see cref="DefaultClusterName"/> when there is none.
    /// </summary>
    public string? ClusterName { get; init; }

    /// <summary>
    /// After the run, push a git note under <c>refs/notes/gitops</c> on the rendered commit saying how it went on
    /// this cluster, as `gitops agent --write-back` does after each reconcile.
    /// </summary>
    public bool WriteBack { get; init; }

    /// <summary>
    /// Create namespaces that objects live in but the set does not define (like Argo CD's CreateNamespace=true). They
    /// are not part of the inventory, so prune never deletes them. Without it such objects fail the run up front.
    /// </summary>
    public bool CreateNamespaces { get; init; }

    /// <summary>
    /// Trusted signers. When set, a fetched commit that is unsigned, signed by an unknown key or whose signature does
    /// not verify fails the run before anything is read from or written to the cluster.
    /// </summary>
    public SignaturePolicy? Signatures { get; init; }

    /// <summary>
    /// Apply a branch tip that does not descend from the commit the inventory records as applied (the branch was
    /// force-pushed to other history). Without it such a run applies nothing and fails naming both commits.
    /// </summary>
    public bool AllowForcePush { get; init; }

    /// <summary>How many objects are applied, checked or deleted at once within a stage.</summary>
    public int Concurrency { get; init; } = 16;

    internal RetryPolicy Retry { get; init; } = RetryPolicy.Default;

    internal TimeSpan HealthPollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Called at named points of a run; tests throw from it to simulate a crash there.</summary>
    internal Action<string>? Checkpoint { get; init; }

    internal string EffectiveInventoryName => InventoryName ?? InventoryNames.FromPath(Path);
}

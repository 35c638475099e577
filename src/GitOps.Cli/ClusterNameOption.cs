using System.CommandLine;
using GitOps.Reconciler;

namespace GitOps.Cli;

/// <summary>
/// The --cluster-name option of `gitops agent` and `gitops reconcile`: the name a cluster goes by in the status
/// ConfigMap that `gitops status --kubeconfig` and the dashboard show (and in the agent's notes and events), with the
/// same default, <see cref="ReconcileOptions.DefaultClusterName"/>, for both.
/// </summary>
internal sealed class ClusterNameOption
{
    private ClusterNameOption(string description) =>
        Option = new("--cluster-name") { Description = description };

    public Option<string?> Option { get; }

    /// <summary>The agent writes its whole status every cycle, so it always names the cluster.</summary>
    public static ClusterNameOption ForAgent() =>
        new($"This cluster's name in notes, status and events (default: {ReconcileOptions.DefaultClusterName})");

    /// <summary>
    /// A one-shot run merges into the status an agent may be keeping: without the option it leaves the agent's name
    /// there rather than renaming the cluster until the agent's next cycle.
    /// </summary>
    public static ClusterNameOption ForReconcile() =>
        new($"This cluster's name in its status and write-back note (default: the name an agent recorded in the status, else {ReconcileOptions.DefaultClusterName})");

    /// <summary>The name given on the command line, or null (see each command's default).</summary>
    public string? Given(ParseResult result) => result.GetValue(Option) is { Length: > 0 } name ? name : null;
}

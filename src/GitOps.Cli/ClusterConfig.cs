using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;

namespace GitOps.Cli;

/// <summary>The cluster a command talks to: --kubeconfig, else in-cluster, else $KUBECONFIG or ~/.kube/config.</summary>
internal static class ClusterConfig
{
    public static ClusterConfiguration From(string? kubeconfigFile, string? context = null) =>
        KubeconfigLoader.Load(kubeconfigFile, context);
}

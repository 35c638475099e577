using GitOps.Reconciler.Cluster.Kubeconfig;
using k8s;

namespace GitOps.Cli;

/// <summary>The cluster a command talks to: --kubeconfig, else in-cluster, else $KUBECONFIG or ~/.kube/config.</summary>
internal static class ClusterConfig
{
    public static KubernetesClientConfiguration From(string? kubeconfigFile, string? context = null) =>
        KubeconfigLoader.Load(kubeconfigFile, context);
}

using k8s;

namespace GitOps.Cli;

/// <summary>The cluster a command talks to: --kubeconfig, else in-cluster, else $KUBECONFIG or ~/.kube/config.</summary>
internal static class ClusterConfig
{
    public static KubernetesClientConfiguration From(string? kubeconfigFile) =>
        kubeconfigFile is not null ? KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigFile)
        : KubernetesClientConfiguration.IsInCluster() ? KubernetesClientConfiguration.InClusterConfig()
        : KubernetesClientConfiguration.BuildDefaultConfig();
}

using k8s;
using k8s.Exceptions;

namespace GitOps.Reconciler.Cluster.Kubeconfig;

/// <summary>
/// Finds and loads the cluster configuration as kubectl does: an explicit kubeconfig file, else in-cluster, else
/// <c>$KUBECONFIG</c> or <c>~/.kube/config</c>. A plain kubeconfig (server, CA, token, token file, basic auth, client
/// certificates) is read by <see cref="KubeconfigReader"/>; KubernetesClient's own loader, whose first use costs a
/// cold process several hundred milliseconds of YAML set-up, handles only what the reader leaves to it (exec and
/// auth-provider plugins, several files merged through <c>$KUBECONFIG</c>).
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Loads the configuration, optionally with another context than the file's current-context.</summary>
    /// <exception cref="KubeConfigException">The file is missing, not valid YAML, or names a context, cluster or user it does not define.</exception>
    public static KubernetesClientConfiguration Load(string? kubeconfigFile, string? context = null)
    {
        if (kubeconfigFile is not null)
        {
            return FromFile(kubeconfigFile, context);
        }

        if (context is null && KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("KUBECONFIG");
        if (fromEnvironment is not null)
        {
            var files = fromEnvironment.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
            if (files.Length == 1)
            {
                return FromFile(files[0].Trim('"'), context);
            }

            // KubernetesClient merges several files (first one wins), but only for their current-context.
            return context is null ? KubernetesClientConfiguration.BuildDefaultConfig()
                : throw new KubeConfigException($"a context ('{context}') cannot be chosen when $KUBECONFIG lists several files; name one file with --kubeconfig");
        }

        var home = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".kube", "config");
        return File.Exists(home) || context is not null ? FromFile(home, context) : KubernetesClientConfiguration.BuildDefaultConfig();
    }

    private static KubernetesClientConfiguration FromFile(string path, string? context) =>
        KubeconfigReader.TryRead(path, context) ?? KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(path), context);
}

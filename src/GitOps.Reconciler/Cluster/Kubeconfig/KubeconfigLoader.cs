namespace GitOps.Reconciler.Cluster.Kubeconfig;

/// <summary>
/// Finds and loads the cluster configuration as kubectl does: an explicit kubeconfig file, else in-cluster, else
/// <c>$KUBECONFIG</c> or <c>~/.kube/config</c>. A plain kubeconfig (server, CA, token, token file, basic auth, client
/// certificates) is read by <see cref="KubeconfigReader"/> and the in-cluster service account by
/// <see cref="InClusterConfiguration"/>; KubernetesClient's loader (<see cref="KubernetesClientFallback"/>), whose
/// assembly costs the agent resident memory and a cold process several hundred milliseconds of YAML set-up, handles
/// only what the reader leaves to it (exec and auth-provider plugins, several files merged through <c>$KUBECONFIG</c>).
/// </summary>
public static class KubeconfigLoader
{
    /// <summary>Where kubectl finds a server when no configuration exists at all.</summary>
    private const string NoConfigurationServer = "http://localhost:8080";

    /// <summary>Loads the configuration, optionally with another context than the file's current-context.</summary>
    /// <exception cref="KubeconfigException">The file is missing, not valid YAML, or names a context, cluster or user it does not define.</exception>
    public static ClusterConfiguration Load(string? kubeconfigFile, string? context = null)
    {
        if (kubeconfigFile is not null)
        {
            return FromFile(kubeconfigFile, context);
        }

        if (context is null && InClusterConfiguration.Current.IsInCluster)
        {
            return InClusterConfiguration.Current.Load();
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
            return context is null ? KubernetesClientFallback.FromKubeconfigVariable(fromEnvironment)
                : throw new KubeconfigException($"a context ('{context}') cannot be chosen when $KUBECONFIG lists several files; name one file with --kubeconfig");
        }

        var home = Path.Combine(Environment.GetEnvironmentVariable("HOME") ?? "/", ".kube", "config");
        // Without any configuration KubernetesClient (like kubectl) falls back to an insecure local API server.
        return File.Exists(home) || context is not null ? FromFile(home, context) : new ClusterConfiguration { Server = NoConfigurationServer };
    }

    private static ClusterConfiguration FromFile(string path, string? context) =>
        KubeconfigReader.TryRead(path, context) ?? KubernetesClientFallback.FromFile(path, context);
}

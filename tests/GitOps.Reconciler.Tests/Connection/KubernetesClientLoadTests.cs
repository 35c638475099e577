using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using GitOps.Reconciler.Tests.Support;
using GitOps.Sandbox;

namespace GitOps.Reconciler.Tests.Connection;

/// <summary>
/// What the runtime really loads: the reconciler runs in a load context of its own that records every assembly it
/// asks for, so a KubernetesClient type reached on the plain path (and the 5 MiB its mapping costs the agent) shows
/// up even though this test process has KubernetesClient loaded for its own use.
/// </summary>
public sealed class KubernetesClientLoadTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_plain_kubeconfig_reaches_the_tls_sandbox_without_loading_kubernetes_client()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Tls = true }, Cancel);
        using var directory = new TempDirectory();
        var kubeconfig = directory.Combine("kubeconfig");
        sandbox.WriteKubeconfig(kubeconfig);

        var (loaded, error) = await ReadStatusesInOwnContextAsync(kubeconfig);

        Assert.Null(error);
        Assert.Contains("GitOps.Reconciler", loaded);
        Assert.Contains("YamlDotNet", loaded); // the reader's parser came through the recording context too
        Assert.DoesNotContain("KubernetesClient", loaded);
    }

    [Fact]
    public async Task A_kubeconfig_the_reader_declines_does_load_kubernetes_client()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions(), Cancel);
        using var directory = new TempDirectory();
        var kubeconfig = directory.Combine("kubeconfig");
        // A user without credentials: our reader leaves it to KubernetesClient's loader, which refuses it.
        await File.WriteAllTextAsync(kubeconfig, $$$"""
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{name: c, cluster: {server: "{{{sandbox.Url}}}"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {}}]
            """, Cancel);

        var (loaded, error) = await ReadStatusesInOwnContextAsync(kubeconfig);

        Assert.Contains("KubernetesClient", loaded);
        // Its error comes as ours (another load context's type, so compared by name), naming the file.
        Assert.Equal("GitOps.Reconciler.Cluster.Kubeconfig.KubeconfigException", error?.GetType().FullName);
        Assert.StartsWith($"{kubeconfig}: ", error!.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Loads the kubeconfig and lists the agents' status ConfigMaps through it; returns the assemblies the context loaded
    /// and the configuration error, if loading failed.
    /// </summary>
    private static async Task<(IReadOnlyCollection<string> Loaded, Exception? Error)> ReadStatusesInOwnContextAsync(string kubeconfig)
    {
        var context = new RecordingLoadContext(Path.GetDirectoryName(typeof(Reconciler).Assembly.Location)!);
        try
        {
            var reconciler = context.LoadFromAssemblyName(typeof(Reconciler).Assembly.GetName());
            object? configuration;
            try
            {
                configuration = reconciler.GetType("GitOps.Reconciler.Cluster.Kubeconfig.KubeconfigLoader", throwOnError: true)!
                    .GetMethod("Load")!.Invoke(null, [kubeconfig, null]);
            }
            catch (TargetInvocationException e)
            {
                return ([.. context.Loaded], e.InnerException);
            }

            var read = (Task)reconciler.GetType("GitOps.Reconciler.Status.AgentControl", throwOnError: true)!
                .GetMethod("ReadStatusesAsync")!.Invoke(null, [configuration, "gitops-system", Cancel])!;
            await read;
            return ([.. context.Loaded], null);
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads the application's own assemblies from its directory, recording each; the shared framework comes from the default context.</summary>
    private sealed class RecordingLoadContext(string directory) : AssemblyLoadContext("kubernetes-client-load-check", isCollectible: true)
    {
        public ConcurrentBag<string> Loaded { get; } = [];

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var file = Path.Combine(directory, $"{assemblyName.Name}.dll");
            if (!File.Exists(file))
            {
                return null;
            }

            Loaded.Add(assemblyName.Name!);
            return LoadFromAssemblyPath(file);
        }
    }
}

using System.Runtime.CompilerServices;
using k8s;
using k8s.Authentication;
using k8s.Exceptions;

namespace GitOps.Reconciler.Cluster.Kubeconfig;

/// <summary>
/// KubernetesClient's kubeconfig loader, for what <see cref="KubeconfigReader"/> declines (exec and auth-provider
/// plugins, several files merged through <c>$KUBECONFIG</c>). The only place on the reconcile and agent paths that
/// names a KubernetesClient type: the runtime loads KubernetesClient.dll (about 5 MiB resident) only when a method
/// mentioning one is compiled, so each entry point is kept out of its callers (no inlining) and is only called when
/// the fallback is really needed.
/// </summary>
internal static class KubernetesClientFallback
{
    /// <summary>Loads one kubeconfig file with KubernetesClient's loader.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ClusterConfiguration FromFile(string path, string? context)
    {
        try
        {
            return Convert(KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(path), context));
        }
        catch (KubeConfigException e)
        {
            throw new KubeconfigException($"{Path.GetFullPath(path)}: {e.Message}", e);
        }
    }

    /// <summary>Loads the files <c>$KUBECONFIG</c> lists, merged by KubernetesClient (the first file that sets a value wins).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ClusterConfiguration FromKubeconfigVariable(string kubeconfigVariable)
    {
        try
        {
            return Convert(KubernetesClientConfiguration.BuildDefaultConfig());
        }
        catch (KubeConfigException e)
        {
            throw new KubeconfigException($"$KUBECONFIG ({kubeconfigVariable}): {e.Message}", e);
        }
    }

    /// <summary>Our configuration with the same meaning; a token provider (plugin, token file) is asked on every request as before.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static ClusterConfiguration Convert(KubernetesClientConfiguration configuration) => new()
    {
        Server = configuration.Host ?? "",
        CertificateAuthorities = configuration.SslCaCerts,
        SkipTlsVerify = configuration.SkipTlsVerify,
        TlsServerName = configuration.TlsServerName,
        ClientCertificateData = configuration.ClientCertificateData,
        ClientKeyData = configuration.ClientCertificateKeyData,
        ClientCertificateFile = configuration.ClientCertificateFilePath,
        ClientKeyFile = configuration.ClientKeyFilePath,
        AccessToken = configuration.AccessToken,
        TokenSource = configuration.TokenProvider is { } provider ? new TokenProviderSource(provider) : null,
        Username = configuration.Username,
        Password = configuration.Password,
        Namespace = configuration.Namespace,
        UserAgent = configuration.UserAgent,
    };

    /// <summary>KubernetesClient's token providers (exec plugin, OIDC, cloud auth providers) all hand out bearer tokens.</summary>
    private sealed class TokenProviderSource(ITokenProvider provider) : IBearerTokenSource
    {
        public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
        {
            var header = await provider.GetAuthenticationHeaderAsync(cancellationToken);
            return header.Parameter ?? "";
        }
    }
}

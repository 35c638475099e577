using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Reconciler.Cluster.Kubeconfig;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// The configuration of a pod talking to its own cluster, as client-go's rest.InClusterConfig builds it: the API
/// server from KUBERNETES_SERVICE_HOST/PORT, trust in the service account's ca.crt only, its token file (re-read as
/// it rotates) and its namespace. The directory, environment and clock are given so tests can stand in for a pod.
/// </summary>
internal sealed class InClusterConfiguration(string directory, Func<string, string?> environment, TimeProvider clock)
{
    public const string ServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static InClusterConfiguration Current { get; } = new(ServiceAccountDirectory, Environment.GetEnvironmentVariable, TimeProvider.System);

    private string TokenPath => Path.Combine(directory, "token");

    /// <summary>As KubernetesClient decides it: both service variables set and the token mounted.</summary>
    public bool IsInCluster =>
        !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
        && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
        && File.Exists(TokenPath);

    public ClusterConfiguration Load()
    {
        if (!IsInCluster)
        {
            throw new KubeconfigException(
                $"no in-cluster configuration: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set and {TokenPath} must exist (automountServiceAccountToken: true)");
        }

        var host = environment("KUBERNETES_SERVICE_HOST")!;
        var port = environment("KUBERNETES_SERVICE_PORT")!;
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber) || portNumber is < 1 or > 65535)
        {
            throw new KubeconfigException($"KUBERNETES_SERVICE_PORT '{port}' is not a port number");
        }

        // UriBuilder puts an IPv6 service address in brackets.
        var server = new UriBuilder(Uri.UriSchemeHttps, host, portNumber).Uri.ToString();
        var namespaceFile = Path.Combine(directory, "namespace");
        return new ClusterConfiguration
        {
            Server = server,
            CertificateAuthorities = Authorities(Path.Combine(directory, "ca.crt")),
            TokenSource = new TokenFile(TokenPath, clock),
            Namespace = File.Exists(namespaceFile) ? File.ReadAllText(namespaceFile).Trim() : null,
        };
    }

    private static X509Certificate2Collection Authorities(string caFile)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(caFile);
            return authorities.Count > 0 ? authorities
                : throw new KubeconfigException($"{caFile}: the cluster's certificate authority file holds no PEM certificate");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new KubeconfigException($"{caFile}: the cluster's certificate authority cannot be read: {e.Message}", e);
        }
    }
}

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Cluster.Kubeconfig;

/// <summary>
/// Reads a kubeconfig file straight into a <see cref="ClusterConfiguration"/>, with the meaning
/// KubernetesClient gives each field. It declines (returns null) whatever it does not fully understand - exec and
/// auth-provider plugins, impersonation, any key it does not know in the chosen cluster, user or context - so the
/// caller can hand the file to KubernetesClient's loader and nothing that worked before stops working.
/// </summary>
internal static class KubeconfigReader
{
    private static readonly HashSet<string> ClusterKeys = ["server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions"];
    private static readonly HashSet<string> UserKeys = ["token", "tokenFile", "username", "password", "client-certificate", "client-certificate-data", "client-key", "client-key-data", "extensions"];
    private static readonly HashSet<string> ContextKeys = ["cluster", "user", "namespace", "extensions"];

    public static ClusterConfiguration? TryRead(string path, string? contextOverride)
    {
        var file = Path.GetFullPath(path);
        var root = Parse(file);
        var contextName = contextOverride ?? Scalar(root, "current-context");
        if (string.IsNullOrEmpty(contextName))
        {
            return null; // KubernetesClient decides what a config without a context means.
        }

        var context = Named(root, "contexts", "context", contextName)
            ?? throw new KubeconfigException($"{file}: context '{contextName}' is not defined");
        var clusterName = Scalar(context, "cluster");
        var userName = Scalar(context, "user");
        if (string.IsNullOrEmpty(clusterName))
        {
            throw new KubeconfigException($"{file}: context '{contextName}' names no cluster");
        }

        var cluster = Named(root, "clusters", "cluster", clusterName)
            ?? throw new KubeconfigException($"{file}: cluster '{clusterName}' of context '{contextName}' is not defined");
        var user = string.IsNullOrWhiteSpace(userName) ? null
            : Named(root, "users", "user", userName) ?? throw new KubeconfigException($"{file}: user '{userName}' of context '{contextName}' is not defined");
        if (!OnlyKnownKeys(context, ContextKeys) || !OnlyKnownKeys(cluster, ClusterKeys) || (user is not null && !OnlyKnownKeys(user, UserKeys)))
        {
            return null;
        }

        var configuration = Cluster(cluster, file, clusterName) with { Namespace = Scalar(context, "namespace") };
        return user is null ? configuration : WithUser(configuration, user, file);
    }

    private static YamlMappingNode Parse(string file)
    {
        if (!File.Exists(file))
        {
            throw new KubeconfigException($"kubeconfig file not found at {file}");
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(file)));
        }
        catch (YamlException e)
        {
            throw new KubeconfigException($"{file}:{e.Start.Line}: not valid YAML: {e.Message}");
        }

        return stream.Documents is [{ RootNode: YamlMappingNode root }]
            ? root
            : throw new KubeconfigException($"{file}: a kubeconfig must be one YAML mapping");
    }

    private static ClusterConfiguration Cluster(YamlMappingNode cluster, string file, string name)
    {
        var server = Scalar(cluster, "server");
        if (string.IsNullOrWhiteSpace(server) || !Uri.TryCreate(server, UriKind.Absolute, out var uri))
        {
            throw new KubeconfigException($"{file}: cluster '{name}' has no valid server URL (server: '{server}')");
        }

        // As KubernetesClient does: a server bound to "any address" is reached on loopback.
        if (IPAddress.TryParse(uri.Host, out var address) && (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)))
        {
            server = new UriBuilder(uri) { Host = address.Equals(IPAddress.Any) ? "127.0.0.1" : "[::1]" }.ToString();
        }

        var configuration = new ClusterConfiguration
        {
            Server = server,
            SkipTlsVerify = Flag(cluster, "insecure-skip-tls-verify"),
            TlsServerName = Scalar(cluster, "tls-server-name"),
        };
        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return configuration;
        }

        try
        {
            return Scalar(cluster, "certificate-authority-data") is { Length: > 0 } data
                ? configuration with { CertificateAuthorities = Certificates(Convert.FromBase64String(data)) }
                : Scalar(cluster, "certificate-authority") is { Length: > 0 } caFile
                    ? configuration with { CertificateAuthorities = Certificates(File.ReadAllBytes(Relative(file, caFile))) }
                    : configuration;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException)
        {
            throw new KubeconfigException($"{file}: cluster '{name}': the certificate authority cannot be read: {e.Message}");
        }
    }

    /// <summary>The configuration with the user's credentials; null when the user has none this reader knows.</summary>
    private static ClusterConfiguration? WithUser(ClusterConfiguration configuration, YamlMappingNode user, string file)
    {
        var found = false;
        if (Scalar(user, "token") is { } token && !string.IsNullOrWhiteSpace(token))
        {
            configuration = configuration with { AccessToken = token };
            found = true;
        }
        else if (Scalar(user, "tokenFile") is { } tokenFile && !string.IsNullOrWhiteSpace(tokenFile))
        {
            // Re-read as it rotates, as kubectl does, so a rotated service-account token keeps working.
            configuration = configuration with { TokenSource = new TokenFile(Relative(file, tokenFile), TimeProvider.System) };
            found = true;
        }
        else if (Scalar(user, "username") is { } username && !string.IsNullOrWhiteSpace(username)
            && Scalar(user, "password") is { } password && !string.IsNullOrWhiteSpace(password))
        {
            configuration = configuration with { Username = username, Password = password };
            found = true;
        }

        if (Scalar(user, "client-certificate-data") is { Length: > 0 } certificateData && Scalar(user, "client-key-data") is { Length: > 0 } keyData)
        {
            configuration = configuration with { ClientCertificateData = certificateData, ClientKeyData = keyData };
            found = true;
        }

        if (Scalar(user, "client-certificate") is { Length: > 0 } certificateFile && Scalar(user, "client-key") is { Length: > 0 } keyFile)
        {
            configuration = configuration with { ClientCertificateFile = Relative(file, certificateFile), ClientKeyFile = Relative(file, keyFile) };
            found = true;
        }

        return found ? configuration : null; // a user with no credentials at all: KubernetesClient's loader reports it in its own words
    }

    /// <summary>One certificate or a PEM bundle of several (KubernetesClient's loader keeps only the first).</summary>
    private static X509Certificate2Collection Certificates(byte[] content)
    {
        var collection = new X509Certificate2Collection();
        var text = Encoding.ASCII.GetString(content);
        if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            collection.ImportFromPem(text);
        }
        else
        {
            collection.Add(X509CertificateLoader.LoadCertificate(content));
        }

        return collection;
    }

    private static string Relative(string kubeconfigFile, string path) =>
        Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(kubeconfigFile)!, path));

    private static YamlMappingNode? Named(YamlMappingNode root, string listKey, string itemKey, string name)
    {
        // KubernetesClient matches names case-insensitively; so do we, so the same file picks the same entry.
        var entry = (Child(root, listKey) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>()
            .FirstOrDefault(item => string.Equals(Scalar(item, "name"), name, StringComparison.OrdinalIgnoreCase));
        return entry is null ? null : Child(entry, itemKey) as YamlMappingNode ?? [];
    }

    private static bool OnlyKnownKeys(YamlMappingNode node, HashSet<string> known) =>
        node.Children.Keys.All(key => key is YamlScalarNode { Value: { } name } && known.Contains(name));

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static bool Flag(YamlMappingNode node, string key) => Scalar(node, key) is "true" or "True" or "TRUE";
}

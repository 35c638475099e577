using System.Text;

namespace GitOps.Sandbox;

/// <summary>The kubeconfig a sandbox writes for kubectl and other clients.</summary>
internal static class SandboxKubeconfig
{
    public static string Base64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));

    public static void Write(string path, Uri url, SandboxCertificates? certificates)
    {
        var server = url.ToString().TrimEnd('/');
        // The plain sandbox ignores credentials, but KubernetesClient refuses a kubeconfig user without any, so that
        // user carries a dummy token.
        var (cluster, user) = certificates is null
            ? ("", "    token: sandbox")
            : ($"\n    certificate-authority-data: {Base64(certificates.CertificateAuthorityPem)}",
                $"    client-certificate-data: {Base64(certificates.ClientCertificatePem)}\n    client-key-data: {Base64(certificates.ClientKeyPem)}");
        var text = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: sandbox
              cluster:
                server: {server}{cluster}
            contexts:
            - name: sandbox
              context:
                cluster: sandbox
                user: sandbox
                namespace: default
            current-context: sandbox
            users:
            - name: sandbox
              user:
            {user}
            preferences: {"{}"}

            """;
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // It may hold a private key: readable by its owner only, from the moment it exists.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, new UTF8Encoding(false), options))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }
}

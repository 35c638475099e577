using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Tests.Support;
using GitOps.Sandbox;
using k8s;

namespace GitOps.Reconciler.Tests.Kubeconfig;

/// <summary>
/// Our kubeconfig reader must give the same client configuration as KubernetesClient's loader for every file it
/// accepts, and hand everything else (exec plugins) to that loader.
/// </summary>
public sealed class KubeconfigReaderTests : IDisposable
{
    private readonly TempDirectory directory = new();

    [Fact]
    public async Task Sandbox_kubeconfig_loads_and_lists_namespaces_over_real_http()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, TestContext.Current.CancellationToken);
        var file = directory.Combine("sandbox.kubeconfig");
        sandbox.WriteKubeconfig(file);

        var configuration = KubeconfigLoader.Load(file);
        AssertSameAsKubernetesClient(file, null, configuration);
        using var api = new KubeApi(KubeConnection.Create(configuration), SandboxCluster.TestRetry);
        var namespaces = await api.ListAsync("/api/v1/namespaces", TestContext.Current.CancellationToken);
        Assert.Contains(namespaces!, n => (string?)n["metadata"]?["name"] == "default");
    }

    [Fact]
    public void Https_cluster_with_ca_data_client_certificate_files_and_basic_auth_matches_kubernetes_client()
    {
        // Kubeconfigs carry the CA as base64 of PEM text.
        var ca = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(SelfSignedCertificate().ExportCertificatePem()));
        File.WriteAllText(directory.Combine("client.crt"), "certificate");
        File.WriteAllText(directory.Combine("client.key"), "key");
        var file = Write($"""
            apiVersion: v1
            kind: Config
            current-context: prod
            clusters:
            - name: prod
              cluster:
                server: https://10.0.0.1:6443
                certificate-authority-data: {ca}
                tls-server-name: api.prod.internal
            contexts:
            - name: prod
              context: {"{cluster: prod, user: admin, namespace: shop}"}
            users:
            - name: admin
              user:
                username: admin
                password: s3cret
                client-certificate: client.crt
                client-key: client.key
            """);

        var configuration = KubeconfigLoader.Load(file);

        AssertSameAsKubernetesClient(file, null, configuration);
        Assert.Equal(directory.Combine("client.crt"), configuration.ClientCertificateFile);
        Assert.Equal("api.prod.internal", configuration.TlsServerName);
        Assert.Single(configuration.CertificateAuthorities!);
    }

    [Fact]
    public void Context_option_overrides_current_context_and_insecure_skip_tls_verify_is_kept()
    {
        var file = Write("""
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - {name: dev, cluster: {server: "http://127.0.0.1:8001"}}
            - {name: staging, cluster: {server: "https://0.0.0.0:6443", insecure-skip-tls-verify: true}}
            contexts:
            - {name: dev, context: {cluster: dev, user: dev}}
            - {name: staging, context: {cluster: staging, user: ci, namespace: apps}}
            users:
            - {name: dev, user: {token: dev-token}}
            - {name: ci, user: {token: ci-token, client-certificate-data: Y2VydA==, client-key-data: a2V5}}
            """);

        var configuration = KubeconfigLoader.Load(file, "staging");

        AssertSameAsKubernetesClient(file, "staging", configuration);
        Assert.Equal("https://127.0.0.1:6443/", configuration.Server);
        Assert.True(configuration.SkipTlsVerify);
        Assert.Equal("ci-token", configuration.AccessToken);
    }

    [Fact]
    public async Task Token_file_is_read_relative_to_the_kubeconfig_and_re_read_for_each_header()
    {
        File.WriteAllText(directory.Combine("token"), "first-token\n");
        var file = Write("""
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {tokenFile: token}}]
            """);

        var configuration = KubeconfigLoader.Load(file);

        var tokenFile = Assert.IsType<TokenFile>(configuration.TokenSource);
        Assert.Equal(directory.Combine("token"), tokenFile.Path);
        Assert.Equal("first-token", await tokenFile.GetTokenAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Exec_plugin_falls_back_to_kubernetes_client_which_runs_the_plugin()
    {
        var plugin = directory.Combine("plugin.sh");
        File.WriteAllText(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"from-plugin\"}}'\n");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the plugin is a shell script");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var file = Write($"""
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{"{name: c, cluster: {server: \"http://127.0.0.1:1\"}}"}]
            contexts: [{"{name: c, context: {cluster: c, user: u}}"}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {plugin}
                  interactiveMode: Never
            """);

        var configuration = KubeconfigLoader.Load(file);

        Assert.Equal("from-plugin", configuration.AccessToken);
        Assert.NotNull(configuration.TokenSource);
    }

    [Fact]
    public void Unknown_context_and_broken_yaml_are_reported_with_the_file()
    {
        var file = Write("""
            apiVersion: v1
            kind: Config
            current-context: c
            clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]
            contexts: [{name: c, context: {cluster: c}}]
            """);
        var unknown = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(file, "nope"));
        Assert.Contains("context 'nope' is not defined", unknown.Message, StringComparison.Ordinal);
        Assert.Contains(file, unknown.Message, StringComparison.Ordinal);

        var broken = Write("apiVersion: v1\nclusters: [\n  - name: x\n  oops: : :\n");
        var error = Assert.Throws<KubeconfigException>(() => KubeconfigLoader.Load(broken));
        Assert.Matches(@"kubeconfig-[0-9a-f]+\.yaml:\d+: not valid YAML", error.Message);
    }

    private static void AssertSameAsKubernetesClient(string file, string? context, ClusterConfiguration ours)
    {
        var theirs = KubernetesClientConfiguration.BuildConfigFromConfigFile(new FileInfo(file), context);
        Assert.Equal(theirs.Host, ours.Server);
        Assert.Equal(theirs.Namespace, ours.Namespace);
        Assert.Equal(theirs.SkipTlsVerify, ours.SkipTlsVerify);
        Assert.Equal(theirs.AccessToken, ours.AccessToken);
        Assert.Equal(theirs.Username, ours.Username);
        Assert.Equal(theirs.Password, ours.Password);
        Assert.Equal(theirs.ClientCertificateData, ours.ClientCertificateData);
        Assert.Equal(theirs.ClientCertificateKeyData, ours.ClientKeyData);
        Assert.Equal(theirs.ClientCertificateFilePath, ours.ClientCertificateFile);
        Assert.Equal(theirs.ClientKeyFilePath, ours.ClientKeyFile);
        Assert.Equal(theirs.TlsServerName, ours.TlsServerName);
        Assert.Equal(theirs.SslCaCerts?.Select(c => c.Thumbprint), ours.CertificateAuthorities?.Select(c => c.Thumbprint));
    }

    private string Write(string content)
    {
        var file = directory.Combine($"kubeconfig-{Guid.NewGuid():N}"[..18] + ".yaml");
        File.WriteAllText(file, content);
        return file;
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=test-ca", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public void Dispose() => directory.Dispose();
}

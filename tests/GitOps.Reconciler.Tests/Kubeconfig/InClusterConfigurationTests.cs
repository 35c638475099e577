using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Kubeconfig;

/// <summary>
/// A pod's own configuration, read without KubernetesClient: the service variables, the mounted CA, namespace and
/// token (re-read as the kubelet rotates it). Each test stands in for a pod with a temporary directory and its own
/// environment, so nothing touches the process environment.
/// </summary>
public sealed class InClusterConfigurationTests : IDisposable
{
    private readonly TempDirectory directory = new();
    private readonly ManualClock clock = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private InClusterConfiguration Pod(string? host, string? port) =>
        new(directory.Path, name => name switch
        {
            "KUBERNETES_SERVICE_HOST" => host,
            "KUBERNETES_SERVICE_PORT" => port,
            _ => null,
        }, clock);

    private void Mount(string file, string content) => File.WriteAllText(directory.Combine(file), content);

    private static async Task<string> VersionAsync(ClusterConfiguration configuration)
    {
        using var api = new KubeApi(KubeConnection.Create(configuration), SandboxCluster.TestRetry);
        return (string)(await api.GetAsync("/version", Cancel))!["gitVersion"]!;
    }

    [Fact]
    public async Task A_pod_reaches_the_service_address_trusting_only_the_mounted_ca_and_sends_the_mounted_token()
    {
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        await using var server = await TokenRecordingApiServer.StartAsync(serverCertificate);
        Mount("ca.crt", ca.ExportCertificatePem());
        Mount("token", "token-one\n");
        Mount("namespace", "gitops-system");

        var configuration = Pod("127.0.0.1", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)).Load();

        Assert.Equal($"https://127.0.0.1:{server.Port}/", configuration.Server);
        Assert.Equal("gitops-system", configuration.Namespace);
        Assert.Equal(ca.Thumbprint, Assert.Single(configuration.CertificateAuthorities!).Thumbprint);
        Assert.Equal("v1.32.0", await VersionAsync(configuration));
        Assert.Equal(["Bearer token-one"], server.Authorizations);
    }

    [Fact]
    public async Task A_rotated_token_is_sent_once_the_re_read_interval_has_passed_and_not_before()
    {
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        await using var server = await TokenRecordingApiServer.StartAsync(serverCertificate);
        Mount("ca.crt", ca.ExportCertificatePem());
        Mount("token", "token-one");
        using var api = new KubeApi(KubeConnection.Create(Pod("127.0.0.1", $"{server.Port}").Load()), SandboxCluster.TestRetry);

        await api.GetAsync("/version", Cancel);
        Mount("token", "token-two");
        clock.Advance(TokenFile.RereadInterval - TimeSpan.FromSeconds(1));
        await api.GetAsync("/version", Cancel);
        clock.Advance(TimeSpan.FromSeconds(1));
        await api.GetAsync("/version", Cancel);

        Assert.Equal(["Bearer token-one", "Bearer token-one", "Bearer token-two"], server.Authorizations);
    }

    [Fact]
    public async Task A_server_certificate_from_another_ca_than_the_mounted_one_is_refused()
    {
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        var (otherCa, otherServer) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        using var ___ = otherCa;
        using var ____ = otherServer;
        await using var server = await TokenRecordingApiServer.StartAsync(serverCertificate);
        Mount("ca.crt", otherCa.ExportCertificatePem());
        Mount("token", "token-one");

        var refused = await Assert.ThrowsAsync<KubeApiException>(() => VersionAsync(Pod("127.0.0.1", $"{server.Port}").Load()));

        Assert.Contains("is not signed by the cluster's certificate authority", refused.Message, StringComparison.Ordinal);
        Assert.Empty(server.Authorizations);
    }

    [Fact]
    public void Outside_a_pod_there_is_no_in_cluster_configuration_and_loading_one_says_what_is_missing()
    {
        Assert.False(Pod("10.96.0.1", "443").IsInCluster); // no token mounted
        Mount("token", "t");
        Assert.False(Pod(null, "443").IsInCluster);
        Assert.False(Pod("10.96.0.1", "").IsInCluster);
        Assert.True(Pod("10.96.0.1", "443").IsInCluster);

        var error = Assert.Throws<KubeconfigException>(() => Pod("10.96.0.1", null).Load());
        Assert.Contains("KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be set", error.Message, StringComparison.Ordinal);
        Assert.Contains(directory.Combine("token"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_ipv6_service_address_is_bracketed_and_a_bad_port_or_ca_file_is_a_configuration_error()
    {
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        Mount("token", "t");
        var missingCa = Assert.Throws<KubeconfigException>(() => Pod("fd00::1", "443").Load());
        Assert.Contains($"{directory.Combine("ca.crt")}: the cluster's certificate authority cannot be read", missingCa.Message, StringComparison.Ordinal);

        Mount("ca.crt", ca.ExportCertificatePem());
        Assert.Equal("https://[fd00::1]/", Pod("fd00::1", "443").Load().Server);
        Assert.Null(Pod("fd00::1", "443").Load().Namespace); // no namespace file mounted
        var badPort = Assert.Throws<KubeconfigException>(() => Pod("10.96.0.1", "https").Load());
        Assert.Contains("KUBERNETES_SERVICE_PORT 'https' is not a port number", badPort.Message, StringComparison.Ordinal);
    }

    public void Dispose() => directory.Dispose();
}

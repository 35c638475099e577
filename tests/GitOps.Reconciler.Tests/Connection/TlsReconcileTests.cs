using System.Text;
using GitOps.Reconciler.Cluster.Kubeconfig;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Connection;

/// <summary>
/// The reconciler's own TLS set-up (KubeConnection) end to end, against the sandbox serving HTTPS and requiring a
/// client certificate from its generated CA.
/// </summary>
public sealed class TlsReconcileTests
{
    private const string ConfigMapPath = "/api/v1/namespaces/default/configmaps/settings";

    private static async Task<SandboxCluster> StartWithCommitAsync()
    {
        var cluster = await SandboxCluster.StartAsync(tls: true);
        cluster.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "one"));
        cluster.Repo.Commit("first");
        return cluster;
    }

    [Fact]
    public async Task A_reconcile_through_the_written_kubeconfig_trusts_the_sandbox_ca_and_presents_the_client_certificate()
    {
        await using var cluster = await StartWithCommitAsync();
        using var directory = new TempDirectory();
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        cluster.Server.WriteKubeconfig(kubeconfig);

        var result = await cluster.ReconcileAsync(clusterConfiguration: KubeconfigLoader.Load(kubeconfig, null));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.StartsWith("https://", cluster.Server.Url.ToString(), StringComparison.Ordinal);
        Assert.Equal("one", (string?)(await cluster.GetAsync(ConfigMapPath))!["data"]!["value"]);
    }

    [Fact]
    public async Task A_kubeconfig_naming_a_ca_that_did_not_sign_the_server_fails_with_a_certificate_error_and_applies_nothing()
    {
        await using var cluster = await StartWithCommitAsync();
        var (otherCa, otherServer) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = otherServer;
        using var __ = otherCa;
        using var directory = new TempDirectory();
        var kubeconfig = Path.Combine(directory.Path, "kubeconfig");
        cluster.Server.WriteKubeconfig(kubeconfig);
        var sandboxCa = Convert.ToBase64String(Encoding.UTF8.GetBytes(cluster.Server.Certificates!.CertificateAuthorityPem));
        var text = await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken);
        Assert.Contains(sandboxCa, text, StringComparison.Ordinal);
        await File.WriteAllTextAsync(kubeconfig, text.Replace(sandboxCa, Convert.ToBase64String(Encoding.UTF8.GetBytes(otherCa.ExportCertificatePem())), StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var result = await cluster.ReconcileAsync(clusterConfiguration: KubeconfigLoader.Load(kubeconfig, null));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(error);
        Assert.Contains("TLS connection to 127.0.0.1:", error, StringComparison.Ordinal);
        Assert.Contains("is not signed by the cluster's certificate authority (CN=gitops test CA)", error, StringComparison.Ordinal);
        Assert.Null(await cluster.GetAsync(ConfigMapPath));
        Assert.Empty(await cluster.InventoryMembersAsync());
    }

    [Fact]
    public async Task Without_the_client_certificate_the_sandbox_refuses_the_connection_and_nothing_is_applied()
    {
        await using var cluster = await StartWithCommitAsync();
        var configuration = cluster.Server.ClusterConfiguration() with { ClientCertificateData = null, ClientKeyData = null };

        var result = await cluster.ReconcileAsync(clusterConfiguration: configuration);

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        TestContext.Current.TestOutputHelper?.WriteLine(error);
        Assert.Contains("connection failed", error, StringComparison.Ordinal);
        Assert.Null(await cluster.GetAsync(ConfigMapPath));
    }
}

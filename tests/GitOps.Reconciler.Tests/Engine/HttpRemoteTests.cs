using System.Security.Cryptography;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

/// <summary>
/// https:// and http:// remotes over the real smart-HTTP protocol (`git http-backend` behind Kestrel on 127.0.0.1)
/// with Basic auth: credentials come from a file, are sent only when the server asks, and never show up in a result,
/// an error or the cache.
/// </summary>
public sealed class HttpRemoteTests
{
    private static readonly string Password = "pw-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    [Fact]
    public async Task Reconciles_from_an_http_remote_with_basic_auth_from_a_credentials_file_and_the_password_appears_nowhere()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/a.yaml", Yaml.ConfigMap("shop", "a")).Commit();
        await using var server = await GitHttpServer.StartAsync(cluster.Repo.RootPath, "deploy", Password);
        var credentialsFile = Path.Combine(cluster.Repo.RootPath, "git-credentials");
        await File.WriteAllTextAsync(credentialsFile, $"deploy:{Password}\n", TestContext.Current.CancellationToken);

        var result = await cluster.ReconcileAsync(url: server.Url("remote.git"), credentials: GitCredentials.FromFile(credentialsFile));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(sha, result.Commit);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
        // libgit2 asks without credentials first; the server's 401 makes it use ours, and the fetch goes through.
        Assert.Contains(server.Requests, r => r.EndsWith("-> 401", StringComparison.Ordinal));
        Assert.Contains(server.Requests, r => r.StartsWith("POST /remote.git/git-upload-pack", StringComparison.Ordinal) && r.EndsWith("-> 200", StringComparison.Ordinal));
        AssertNowhere(Password, cluster.Repo.CacheDirectory, result);
    }

    [Fact]
    public async Task A_wrong_password_fails_naming_the_remote_without_showing_the_password()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        await using var server = await GitHttpServer.StartAsync(cluster.Repo.RootPath, "deploy", Password);
        var wrong = "wrong-" + Password;

        var result = await cluster.ReconcileAsync(url: server.Url("remote.git"), credentials: new GitCredentials("deploy", wrong));

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.Contains($"fetching branch 'rendered' from {server.Url("remote.git")} failed", error, StringComparison.Ordinal);
        AssertNowhere(wrong, cluster.Repo.CacheDirectory, result);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/a"));
    }

    [Fact]
    public async Task Without_credentials_an_http_remote_that_asks_for_them_fails_clearly()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        await using var server = await GitHttpServer.StartAsync(cluster.Repo.RootPath, "deploy", Password);

        var result = await cluster.ReconcileAsync(url: server.Url("remote.git"));

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Contains(server.Url("remote.git"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_https_remote_signed_by_a_private_ca_is_trusted_with_the_ca_file_and_refused_without_it()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        var caFile = Path.Combine(cluster.Repo.RootPath, "ca.pem");
        await File.WriteAllTextAsync(caFile, ca.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var server = await GitHttpServer.StartAsync(cluster.Repo.RootPath, "deploy", Password, serverCertificate);
        var url = server.Url("remote.git");
        Assert.StartsWith("https://127.0.0.1:", url, StringComparison.Ordinal);

        var refused = await cluster.ReconcileAsync(url: url, credentials: new GitCredentials("deploy", Password));
        var trusted = await cluster.ReconcileAsync(url: url, credentials: new GitCredentials("deploy", Password), gitCaFile: caFile);

        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Errors, e => e.Contains($"fetching branch 'rendered' from {url} failed", StringComparison.Ordinal) && e.Contains("certificate", StringComparison.OrdinalIgnoreCase));
        Assert.True(trusted.Succeeded, string.Join("\n", trusted.Errors));
        Assert.Equal(sha, trusted.Commit);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/a"));
        AssertNowhere(Password, cluster.Repo.CacheDirectory, trusted);
    }

    [Fact]
    public async Task A_ca_file_for_another_ca_does_not_make_the_remote_trusted()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        var (ca, serverCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        var (otherCa, otherServer) = TestCertificates.CaAndServer("127.0.0.1");
        using var _ = ca;
        using var __ = serverCertificate;
        using var ___ = otherCa;
        using var ____ = otherServer;
        var otherCaFile = Path.Combine(cluster.Repo.RootPath, "other-ca.pem");
        await File.WriteAllTextAsync(otherCaFile, otherCa.ExportCertificatePem(), TestContext.Current.CancellationToken);
        await using var server = await GitHttpServer.StartAsync(cluster.Repo.RootPath, "deploy", Password, serverCertificate);

        var result = await cluster.ReconcileAsync(url: server.Url("remote.git"), credentials: new GitCredentials("deploy", Password), gitCaFile: otherCaFile);

        Assert.False(result.Succeeded);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/a"));
        // Refused during the TLS handshake: no request (and so no credential) ever reached the server.
        Assert.Empty(server.Requests);
    }

    /// <summary>The secret is in no error, no object message, and no file of the git cache (remote URL, config, logs).</summary>
    private static void AssertNowhere(string secret, string cacheDirectory, ReconcileResult result)
    {
        Assert.DoesNotContain(result.Errors, e => e.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(result.Objects, o => (o.Message ?? "").Contains(secret, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(cacheDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.False(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"{file} holds the secret");
        }
    }
}

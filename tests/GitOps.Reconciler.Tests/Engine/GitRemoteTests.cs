using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class GitRemoteTests
{
    [Fact]
    public async Task Reconciles_from_a_git_protocol_remote_served_by_git_daemon()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/a.yaml", Yaml.ConfigMap("shop", "a")).Commit();
        using var daemon = await GitDaemon.StartAsync(cluster.Repo.RootPath);

        var result = await cluster.ReconcileAsync(url: daemon.Url("remote.git"));

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(sha, result.Commit);
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"));
    }
}

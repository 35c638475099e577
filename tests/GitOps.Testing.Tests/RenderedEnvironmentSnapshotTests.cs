namespace GitOps.Testing.Tests;

/// <summary>End to end: real scripts, the real renderer, snapshots on disk.</summary>
public sealed class RenderedEnvironmentSnapshotTests : IDisposable
{
    private readonly string repo = Path.Combine(Path.GetTempPath(), "gitops-snaprepo-" + Guid.NewGuid().ToString("N")[..12]);

    public RenderedEnvironmentSnapshotTests()
    {
        Directory.CreateDirectory(Path.Combine(repo, "environments"));
        File.WriteAllText(Path.Combine(repo, "gitops.csx"), """
            App("shop", env => new WebService("web") { Image = "ghcr.io/acme/web:1.0.0", Port = 8080, Replicas = env.Name == "dev" ? 1 : 2 });
            """);
        File.WriteAllText(Path.Combine(repo, "environments", "dev.csx"), """Environment("dev", e => e.Namespace = "shop-dev");""");
    }

    [Fact]
    public async Task A_rendered_environment_is_verified_against_its_accepted_snapshots()
    {
        var options = new SnapshotOptions { SnapshotDirectory = Path.Combine(repo, "snapshots"), CacheDirectory = repo + "-cache", Accept = false };

        var missing = await Assert.ThrowsAsync<SnapshotMismatchException>(() => RenderSnapshot.VerifyAsync(repo, "dev", options));
        Assert.Contains("missing:  shop/deployment_web.yaml", missing.Message);
        Assert.Contains("missing:  shop/service_web.yaml", missing.Message);

        SnapshotFiles.AcceptAll(options.SnapshotDirectory);
        await RenderSnapshot.VerifyAsync(repo, "dev", options);

        File.WriteAllText(Path.Combine(repo, "environments", "dev.csx"), """Environment("dev", e => { e.Namespace = "shop-dev"; e.Replicas["web"] = 4; });""");
        var changed = await Assert.ThrowsAsync<SnapshotMismatchException>(() => RenderSnapshot.VerifyAsync(repo, "dev", options));
        Assert.Contains("-  replicas: 1\n+  replicas: 4\n", changed.Message);
    }

    public void Dispose()
    {
        foreach (var folder in new[] { repo, repo + "-cache" })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

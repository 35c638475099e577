using GitOps.Rendering;

namespace GitOps.Cli.Tests.CheckDiff;

public sealed class CheckCommandTests
{
    private static void RenderBranch(ConfigRepo repo) =>
        RenderWorkflow.Run(new RenderSettings { ConfigRoot = repo.Root, CacheDirectory = ConfigRepo.SharedCache });

    [Fact]
    public void Matching_rendered_branch_exits_0_and_a_script_change_exits_1_with_diffs_and_lists()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");
        RenderBranch(repo);
        var rendered = repo.Git("rev-parse", "rendered");

        var clean = Cli.Check(repo.Root);
        Assert.Equal(0, clean.ExitCode);
        Assert.Contains("rendered output matches branch 'rendered'", clean.Stdout);
        Assert.Equal(0, Cli.Check(repo.Root, "--against", "rendered").ExitCode);
        var againstSource = Cli.Check(repo.Root, "--against", "main");
        Assert.Equal(1, againstSource.ExitCode);
        Assert.Contains("added (rendered, not committed):\n  dev/shop/deployment_web.yaml\n", againstSource.Stdout);

        repo.Write("environments/prod.csx", repo.Read("environments/prod.csx").Replace("Replicas = 3", "Replicas = 5", StringComparison.Ordinal));
        repo.Write("gitops.csx", repo.Read("gitops.csx") + "\nApp(\"cache\", env => new WebService(\"redis\") { Image = \"redis:7.4.1\", Port = 6379 });\n");
        var dirty = Cli.Check(repo.Root);

        Assert.Equal(1, dirty.ExitCode);
        Assert.Contains("--- a/prod/shop/deployment_prod-web.yaml\n+++ b/prod/shop/deployment_prod-web.yaml\n", dirty.Stdout);
        Assert.Contains("\n-  replicas: 3\n+  replicas: 5\n", dirty.Stdout);
        Assert.Contains("added (rendered, not committed):\n  dev/cache/deployment_redis.yaml\n", dirty.Stdout);
        Assert.Contains("rendered output differs from branch 'rendered': 1 changed, 4 added, 0 removed", dirty.Stdout);
        Assert.Equal(rendered, repo.Git("rev-parse", "rendered"));

        var devOnly = Cli.Check(repo.Root, "--env", "prod");
        Assert.Equal(1, devOnly.ExitCode);
        Assert.DoesNotContain("dev/", devOnly.Stdout);
    }

    [Fact]
    public void Removed_objects_are_listed_and_against_accepts_a_folder()
    {
        using var repo = ConfigRepo.Small();
        var folder = repo.Root + "-out";
        try
        {
            RenderWorkflow.Run(new RenderSettings { ConfigRoot = repo.Root, CacheDirectory = ConfigRepo.SharedCache, OutputDirectory = folder });
            Assert.Equal(0, Cli.Check(repo.Root, "--against", folder).ExitCode);

            File.Delete(Path.Combine(repo.Root, "environments", "dev.csx"));
            var outcome = Cli.Check(repo.Root, "--against", folder);

            Assert.Equal(1, outcome.ExitCode);
            Assert.Contains("removed (committed, no longer rendered):\n  dev/shop/deployment_web.yaml\n", outcome.Stdout);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_rendered_branch_or_broken_scripts_exit_2_with_a_clear_message()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");

        var noBranch = Cli.Check(repo.Root);
        Assert.Equal(2, noBranch.ExitCode);
        Assert.Contains("branch 'rendered' does not exist; render it first", noBranch.Stderr);

        RenderBranch(repo);
        repo.Write("environments/dev.csx", """Environment("dev", e => e.Namespac = "x");""");
        var broken = Cli.Check(repo.Root);
        Assert.Equal(2, broken.ExitCode);
        Assert.Contains("environments/dev.csx(1,27): error CS1061", broken.Stderr);
    }
}

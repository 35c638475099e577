using GitOps.Rendering.Git;

namespace GitOps.Rendering.Tests.EndToEnd;

public sealed class RenderBranchTests
{
    internal const string Config = """
        public sealed class Settings { public int Replicas { get; init; } = 1; }
        App("shop", env => new object[]
        {
            new ConfigMapGenerator("web-config") { Literals = { ["MODE"] = env.Name } },
            new WebService("web") { Image = "nginx:1.27", Replicas = env.Values<Settings>().Replicas, EnvFromConfigMaps = { "web-config" } },
        });
        App("jobs", env => new Worker("queue") { Image = "acme/queue:2.0" });
        """;

    internal static TempRepo Repo(string config = Config)
    {
        var repo = new TempRepo(git: true)
            .Write("gitops.csx", config)
            .Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"shop-dev\");\n")
            .Write("environments/prod.csx", "Environment(\"prod\", e => { e.Namespace = \"shop-prod\"; e.Values(new Settings { Replicas = 3 }); });\n");
        repo.Commit("config");
        return repo;
    }

    internal static RenderOutcome Render(TempRepo repo, Func<RenderSettings, RenderSettings>? adjust = null) =>
        RenderWorkflow.Run((adjust ?? (s => s))(new RenderSettings { ConfigRoot = repo.Root, CacheDirectory = TempRepo.SharedCache }));

    [Fact]
    public void Render_commits_every_environment_to_the_rendered_branch_without_touching_the_checkout()
    {
        using var repo = Repo();
        var source = repo.Git("rev-parse", "HEAD").Trim();

        var outcome = Render(repo);

        Assert.True(outcome.Commit!.Changed);
        Assert.Equal(outcome.Commit.CommitSha, repo.Git("rev-parse", "rendered").Trim());
        Assert.Equal($"Render dev, prod from {source[..12]}\n\nSource-Commit: {source}\n", repo.Git("log", "-1", "--format=%B", "rendered").TrimEnd() + "\n");
        Assert.Equal("gitops <gitops@localhost>", repo.Git("log", "-1", "--format=%cn <%ce>", "rendered").Trim());
        Assert.Equal(repo.Git("log", "-1", "--format=%ct", "HEAD"), repo.Git("log", "-1", "--format=%ct", "rendered"));
        var files = repo.Git("ls-tree", "-r", "--name-only", "rendered").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(".gitattributes", files);
        Assert.Contains("prod/shop/deployment_web.yaml", files);
        Assert.Contains("prod/jobs/deployment_queue.yaml", files);
        Assert.Contains("dev/render.json", files);
        Assert.Contains("dev/README.md", files);
        Assert.Contains("replicas: 3\n", repo.Git("show", "rendered:prod/shop/deployment_web.yaml"), StringComparison.Ordinal);
        Assert.Contains($"\"sourceCommit\": \"{source}\"", repo.Git("show", "rendered:dev/render.json"), StringComparison.Ordinal);
        Assert.Equal("main", repo.Git("branch", "--show-current").Trim());
        Assert.Equal("", repo.Git("status", "--porcelain"));
    }

    [Fact]
    public void Same_source_history_gives_the_same_rendered_commit_ids()
    {
        using var first = Repo();
        using var second = Repo();

        var a = Render(first).Commit!.CommitSha;
        var b = Render(second).Commit!.CommitSha;

        Assert.Equal(first.Git("rev-parse", "HEAD"), second.Git("rev-parse", "HEAD"));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Rendering_again_without_changes_makes_no_new_commit()
    {
        using var repo = Repo();
        var first = Render(repo).Commit!;

        var second = Render(repo).Commit!;

        Assert.False(second.Changed);
        Assert.Equal(first.CommitSha, second.CommitSha);
        Assert.Equal("1", repo.Git("rev-list", "--count", "rendered").Trim());
    }

    [Fact]
    public void Files_of_deleted_objects_disappear_and_git_diff_shows_it()
    {
        using var repo = Repo();
        Render(repo);
        repo.Write("gitops.csx", Config.Replace("App(\"jobs\", env => new Worker(\"queue\") { Image = \"acme/queue:2.0\" });", "", StringComparison.Ordinal));
        repo.Commit("drop the jobs app", date: "2026-01-03T00:00:00Z");

        Render(repo);

        Assert.DoesNotContain("jobs/", repo.Git("ls-tree", "-r", "--name-only", "rendered"), StringComparison.Ordinal);
        var diff = repo.Git("diff", "--name-status", "rendered~1", "rendered");
        Assert.Contains("D\tdev/jobs/deployment_queue.yaml", diff, StringComparison.Ordinal);
        Assert.Equal("2", repo.Git("rev-list", "--count", "rendered").Trim());
    }

    [Fact]
    public void Dirty_working_tree_is_refused_unless_allowed_and_then_recorded()
    {
        using var repo = Repo();
        repo.Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"changed\");\n");

        var error = Assert.Throws<RenderException>(() => Render(repo));
        Assert.Contains("uncommitted changes (environments/dev.csx)", error.Message, StringComparison.Ordinal);
        Assert.Contains("--allow-dirty", error.Message, StringComparison.Ordinal);
        Assert.Equal("", repo.Git("branch", "--list", "rendered"));

        Render(repo, s => s with { AllowDirty = true });

        var metadata = repo.Git("show", "rendered:dev/render.json");
        Assert.Contains("\"allowDirty\": true", metadata, StringComparison.Ordinal);
        Assert.Contains("\"sourceDirty\": true", metadata, StringComparison.Ordinal);
        Assert.Contains("namespace: changed", repo.Git("show", "rendered:dev/shop/deployment_web.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dirty_working_tree_is_refused_before_a_broken_script_is_reported()
    {
        using var repo = Repo();
        repo.Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = 42);\n");

        var error = Assert.Throws<RenderException>(() => Render(repo));

        Assert.Contains("uncommitted changes (environments/dev.csx)", error.Message, StringComparison.Ordinal);
        Assert.Equal("", repo.Git("branch", "--list", "rendered"));
        var broken = Assert.Throws<RenderException>(() => Render(repo, s => s with { AllowDirty = true }));
        Assert.Contains("environments/dev.csx(1,", string.Join("\n", broken.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public void Env_limits_the_render_and_keeps_other_environments_on_the_branch()
    {
        using var repo = Repo();
        Render(repo);
        repo.Write("environments/prod.csx", "Environment(\"prod\", e => { e.Namespace = \"shop-prod\"; e.Values(new Settings { Replicas = 5 }); });\n");
        repo.Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"shop-dev2\");\n");
        repo.Commit("prod: 5 replicas", date: "2026-01-03T00:00:00Z");

        var outcome = Render(repo, s => s with { Environments = ["prod"] });

        Assert.Equal(["prod"], outcome.Environments);
        Assert.Contains("replicas: 5\n", repo.Git("show", "rendered:prod/shop/deployment_web.yaml"), StringComparison.Ordinal);
        Assert.Contains("namespace: shop-dev\n", repo.Git("show", "rendered:dev/shop/deployment_web.yaml"), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_environment_lists_the_known_ones_and_writes_nothing()
    {
        using var repo = Repo();

        var error = Assert.Throws<RenderException>(() => Render(repo, s => s with { Environments = ["qa"] }));

        Assert.Equal("error: unknown environment 'qa' (no environments/qa.csx); known environments: dev, prod.", error.Errors.Single());
        Assert.Equal("", repo.Git("branch", "--list", "rendered"));
    }

    [Fact]
    public void Invalid_objects_stop_the_render_before_anything_is_written()
    {
        using var repo = Repo(Config + "\nApp(\"admin\", env => new Worker(\"queue\") { Image = \"acme/queue:2.0\" });\n");
        var output = Path.Combine(repo.Root + "-out");

        var error = Assert.Throws<RenderException>(() => Render(repo));
        Assert.Throws<RenderException>(() => Render(repo, s => s with { OutputDirectory = output }));

        Assert.Contains(error.Errors, e => e.StartsWith("error: dev/admin Deployment/queue metadata.name: duplicate Deployment 'queue' in namespace 'shop-dev': apps 'jobs' and 'admin' both define it", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.StartsWith("error: prod/admin Deployment/queue", StringComparison.Ordinal));
        Assert.Equal("", repo.Git("branch", "--list", "rendered"));
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Committer_identity_is_configurable()
    {
        using var repo = Repo();

        Render(repo, s => s with { Committer = new CommitIdentity("Render Bot", "bot@example.com"), Branch = "deploy" });

        Assert.Equal("Render Bot <bot@example.com>", repo.Git("log", "-1", "--format=%an <%ae>", "deploy").Trim());
    }

    [Fact]
    public void Rendered_tree_marks_files_generated_and_documents_each_environment()
    {
        using var repo = Repo();
        var source = repo.Git("rev-parse", "HEAD").Trim();

        Render(repo);

        Assert.Contains("* linguist-generated=true", repo.Git("show", "rendered:.gitattributes"), StringComparison.Ordinal);
        var readme = repo.Git("show", "rendered:prod/README.md");
        Assert.Contains($"source commit `{source}`", readme, StringComparison.Ordinal);
        Assert.Contains($"git checkout {source} && dotnet tool run gitops -- render --env prod --out <dir>", readme, StringComparison.Ordinal);
        Assert.Contains("| shop | Deployment | web | `shop/deployment_web.yaml` |", readme, StringComparison.Ordinal);
        var metadata = System.Text.Json.Nodes.JsonNode.Parse(repo.Git("show", "rendered:prod/render.json"))!;
        Assert.Equal(source, (string?)metadata["sourceCommit"]);
        Assert.Equal(RenderWorkflow.ToolVersion, (string?)metadata["toolVersion"]);
        Assert.False((bool)metadata["allowDirty"]!);
    }
}

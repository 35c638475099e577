using GitOps.Reconciler.Source;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Source;

public sealed class GitSourceTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n";

    [Fact]
    public void Fetch_from_a_bare_repository_path_reads_only_yaml_under_the_path_at_the_branch_head()
    {
        using var repo = new RenderedRepo();
        repo.Write("prod/a.yaml", ConfigMap).Write("prod/nested/b.yml", ConfigMap).Write("prod/README.md", "# not yaml")
            .Write("staging/c.yaml", ConfigMap);
        var sha = repo.Commit();

        var snapshot = GitSource.Fetch(repo.BarePath, "rendered", "prod", repo.CacheDirectory, credentials: null);

        Assert.Equal(sha, snapshot.CommitSha);
        Assert.Equal(["prod/a.yaml", "prod/nested/b.yml"], snapshot.Files.Select(f => f.Path));
        Assert.Equal(ConfigMap, snapshot.Files[0].Content);
    }

    [Fact]
    public void Fetch_through_a_file_url_picks_up_a_new_commit_on_the_next_run()
    {
        using var repo = new RenderedRepo();
        repo.Write("prod/a.yaml", ConfigMap);
        var first = repo.Commit("first");
        var url = new Uri(repo.BarePath).AbsoluteUri;
        Assert.Equal(first, GitSource.Fetch(url, "rendered", "prod", repo.CacheDirectory, null).CommitSha);

        repo.Write("prod/b.yaml", ConfigMap);
        var second = repo.Commit("second");
        var snapshot = GitSource.Fetch(url, "rendered", "prod", repo.CacheDirectory, null);

        Assert.NotEqual(first, second);
        Assert.Equal(second, snapshot.CommitSha);
        Assert.Equal(2, snapshot.Files.Count);
    }

    [Fact]
    public void Fetch_reads_the_pinned_commit_even_when_the_cache_was_made_for_another_path()
    {
        using var repo = new RenderedRepo();
        repo.Write("prod/a.yaml", ConfigMap).Write("staging/b.yaml", ConfigMap);
        repo.Commit();

        GitSource.Fetch(repo.BarePath, "rendered", "prod", repo.CacheDirectory, null);
        var staging = GitSource.Fetch(repo.BarePath, "rendered", "/staging/", repo.CacheDirectory, null);

        Assert.Equal(["staging/b.yaml"], staging.Files.Select(f => f.Path));
    }

    [Fact]
    public void A_missing_branch_fails_with_a_message_naming_the_branch()
    {
        using var repo = new RenderedRepo();
        repo.Write("prod/a.yaml", ConfigMap).Commit();

        var error = Assert.Throws<ReconcileException>(() => GitSource.Fetch(repo.BarePath, "nope", "prod", repo.CacheDirectory, null));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_path_fails_with_a_message_naming_the_path_and_commit()
    {
        using var repo = new RenderedRepo();
        var sha = repo.Write("prod/a.yaml", ConfigMap).Commit();

        var error = Assert.Throws<ReconcileException>(() => GitSource.Fetch(repo.BarePath, "rendered", "qa", repo.CacheDirectory, null));

        Assert.Contains("path 'qa'", error.Message, StringComparison.Ordinal);
        Assert.Contains(sha[..12], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_over_the_git_protocol_from_git_daemon()
    {
        using var repo = new RenderedRepo();
        var sha = repo.Write("prod/a.yaml", ConfigMap).Commit();
        using var daemon = await GitDaemon.StartAsync(repo.RootPath);

        var snapshot = GitSource.Fetch(daemon.Url("remote.git"), "rendered", "prod", repo.CacheDirectory, null);

        Assert.Equal(sha, snapshot.CommitSha);
        Assert.Equal(["prod/a.yaml"], snapshot.Files.Select(f => f.Path));
    }
}

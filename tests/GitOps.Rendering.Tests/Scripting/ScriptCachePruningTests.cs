using GitOps.Rendering.Scripting;

namespace GitOps.Rendering.Tests.Scripting;

public sealed class ScriptCachePruningTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly CacheLimits Limits = new(TimeSpan.FromDays(30), MaxBytes: 10_000);

    private readonly string cache = Path.Combine(Path.GetTempPath(), "gitops-prune-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    private static string Key(char fill) => new(fill, 64);

    private string Entry(string name, DateTime lastUsed, int bytes = 100)
    {
        var folder = Path.Combine(cache, name);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "script.dll"), new byte[bytes]);
        Directory.SetLastWriteTimeUtc(folder, lastUsed);
        return folder;
    }

    private string[] Left() => Directory.GetDirectories(cache).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void Entries_unused_for_longer_than_the_age_limit_are_removed()
    {
        Entry(Key('a'), Now.AddDays(-31));
        Entry(Key('b'), Now.AddDays(-29));

        var removed = ScriptCachePruning.Prune(cache, Now, Limits);

        Assert.Equal([Key('a')], removed);
        Assert.Equal([Key('b')], Left());
    }

    [Fact]
    public void Over_the_size_cap_the_least_recently_used_entries_go_first_until_it_fits()
    {
        Entry(Key('a'), Now.AddDays(-3), bytes: 4_000);
        Entry(Key('b'), Now.AddDays(-1), bytes: 4_000);
        Entry(Key('c'), Now.AddDays(-5), bytes: 4_000);
        Entry(Key('d'), Now.AddHours(-1), bytes: 4_000);

        var removed = ScriptCachePruning.Prune(cache, Now, Limits);

        Assert.Equal([Key('c'), Key('a')], removed);
        Assert.Equal([Key('b'), Key('d')], Left());
    }

    [Fact]
    public void The_entry_just_stored_is_kept_even_if_it_alone_is_over_the_cap()
    {
        Entry(Key('a'), Now.AddDays(-40), bytes: 20_000);
        Entry(Key('b'), Now.AddDays(-1), bytes: 20_000);

        ScriptCachePruning.Prune(cache, Now, Limits, keep: Key('a'));

        Assert.Equal([Key('a')], Left());
    }

    [Fact]
    public void Abandoned_staging_folders_are_removed_and_fresh_ones_and_foreign_folders_left_alone()
    {
        Entry($"{Key('a')}.0123.tmp", Now.AddHours(-2));
        Entry($"{Key('b')}.4567.tmp", Now.AddMinutes(-5));
        Entry($"{Key('c')}.89ab.removing", Now.AddDays(-2));
        Entry("someone-elses-folder", Now.AddDays(-400));
        Entry(new string('A', 64), Now.AddDays(-400));

        ScriptCachePruning.Prune(cache, Now, Limits);

        Assert.Equal([new string('A', 64), $"{Key('b')}.4567.tmp", "someone-elses-folder"], Left());
    }

    [Fact]
    public void A_hit_refreshes_the_last_use_at_most_once_per_resolution_interval()
    {
        var stale = Entry(Key('a'), Now.AddDays(-31));
        var fresh = Entry(Key('b'), Now.AddMinutes(-10));

        ScriptCachePruning.MarkUsed(stale, Now);
        ScriptCachePruning.MarkUsed(fresh, Now);

        Assert.Equal(Now, Directory.GetLastWriteTimeUtc(stale));
        Assert.Equal(Now.AddMinutes(-10), Directory.GetLastWriteTimeUtc(fresh));
        Assert.Empty(ScriptCachePruning.Prune(cache, Now, Limits));
    }

    [Fact]
    public void Compiling_an_environment_prunes_entries_unused_for_a_long_time_and_hits_keep_theirs()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "App(\"shop\", env => new WebService(\"web\") { Image = \"x:1\" });\n")
            .Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"dev\");\n")
            .Write("environments/prod.csx", "Environment(\"prod\", e => e.Namespace = \"prod\");\n");
        new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");
        var devEntry = Assert.Single(Directory.GetDirectories(repo.CacheDirectory));
        var longAgo = DateTime.UtcNow.AddDays(-60);
        Directory.SetLastWriteTimeUtc(devEntry, longAgo);
        var abandoned = Path.Combine(repo.CacheDirectory, Key('f'));
        Directory.CreateDirectory(abandoned);
        Directory.SetLastWriteTimeUtc(abandoned, longAgo);

        Assert.True(new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev").FromCache);
        new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("prod");

        Assert.False(Directory.Exists(abandoned));
        Assert.True(Directory.Exists(devEntry));
        Assert.Equal(2, Directory.GetDirectories(repo.CacheDirectory).Length);
    }
}

using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Manifests;

/// <summary>
/// The parsed cache must give back exactly what parsing gives - same bodies, locations and applied hashes - or a no-op
/// run of a cached commit would see changes that are not there.
/// </summary>
public sealed class ParsedManifestCacheTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private readonly TempDirectory directory = new();

    [Fact]
    public void Cached_objects_equal_parsed_ones_byte_for_byte_with_the_same_applied_hash_and_location()
    {
        var tricky = new SourceFile("prod/tricky.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: tricky
              annotations: {note: "quotes \" and <html> & 'single' + ünïcødé ✓ \t tab"}
            data:
              script: |
                #!/bin/sh
                echo "$HOME" > /tmp/x
              big: 12345678901234
              float: 1.50
              exp: 1e3
              octal: 0o17
              nothing: ~
              list: [a, 1, true, null, "2"]
            """);
        var files = Corpus.Files("sock-shop").Select(f => new SourceFile($"prod/{f.Name}", f.Content)).Append(tricky).ToList();
        var (parsed, errors) = ManifestLoader.Load(files);
        Assert.Empty(errors);
        var cache = new ParsedManifestCache(directory.Path, Sha, "prod");

        cache.Save(parsed);
        var cached = new ParsedManifestCache(directory.Path, Sha, "/prod/").TryLoad();

        Assert.NotNull(cached);
        Assert.Equal(parsed.Count, cached.Count);
        Assert.All(parsed.Zip(cached), pair =>
        {
            Assert.Equal(pair.First.Location, pair.Second.Location);
            Assert.Equal(pair.First.Body.ToJsonString(), pair.Second.Body.ToJsonString());
            Assert.Equal(AppliedHash.Compute(pair.First.Body), AppliedHash.Compute(pair.Second.Body));
            Assert.Null(pair.Second.Body.Parent);
        });
    }

    [Fact]
    public void Another_commit_or_path_misses_a_corrupt_entry_misses_and_a_new_commit_replaces_the_old_entry()
    {
        var (parsed, _) = ManifestLoader.Load([new SourceFile("prod/a.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")]);
        new ParsedManifestCache(directory.Path, Sha, "prod").Save(parsed);

        Assert.Null(new ParsedManifestCache(directory.Path, Sha.Replace('0', 'f'), "prod").TryLoad());
        Assert.Null(new ParsedManifestCache(directory.Path, Sha, "staging").TryLoad());
        var entry = Assert.Single(Directory.GetFiles(directory.Path));
        File.WriteAllText(entry, "[{\"file\": \"prod/a.yaml\", \"li");
        Assert.Null(new ParsedManifestCache(directory.Path, Sha, "prod").TryLoad());

        var next = Sha.Replace('1', '9');
        new ParsedManifestCache(directory.Path, Sha, "prod").Save(parsed);
        new ParsedManifestCache(directory.Path, next, "prod").Save(parsed);
        Assert.StartsWith(next, Path.GetFileName(Assert.Single(Directory.GetFiles(directory.Path))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rerun_of_the_same_commit_uses_the_cache_and_finds_everything_unchanged_while_a_bad_commit_is_never_cached()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.WriteSockShop();
        var sha = cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var parsedDirectory = GitSource.RepositoryDirectory(cluster.Repo.BarePath, cluster.Repo.CacheDirectory) + ".parsed";
        Assert.StartsWith(sha, Path.GetFileName(Assert.Single(Directory.GetFiles(parsedDirectory))), StringComparison.Ordinal);

        var again = await cluster.ReconcileAsync();

        Assert.True(again.Succeeded, string.Join("\n", again.Errors));
        Assert.All(again.Objects, o => Assert.Equal(ObjectAction.Unchanged, o.Action));
        cluster.Repo.Write("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n");
        var bad = cluster.Repo.Commit();
        Assert.False((await cluster.ReconcileAsync()).Succeeded);
        Assert.False((await cluster.ReconcileAsync()).Succeeded);
        Assert.DoesNotContain(Directory.GetFiles(parsedDirectory), f => Path.GetFileName(f).StartsWith(bad, StringComparison.Ordinal));
    }

    public void Dispose() => directory.Dispose();
}

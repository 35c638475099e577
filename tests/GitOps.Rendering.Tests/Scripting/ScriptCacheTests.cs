using GitOps.Rendering.Scripting;

namespace GitOps.Rendering.Tests.Scripting;

public sealed class ScriptCacheTests
{
    private static TempRepo Repo() => new TempRepo()
        .Write("templates/web.csx", "WebService Web(string name) => new WebService(name) { Image = \"x:1\" };\n")
        .Write("gitops.csx", "#load \"templates/web.csx\"\nApp(\"shop\", env => Web(\"web\"));\n")
        .Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"dev\");\n");

    [Fact]
    public void Tool_fingerprint_reads_the_version_and_module_id_the_runtime_sees_from_each_assembly_file()
    {
        foreach (var assembly in new[] { typeof(GitOps.Dsl.ScriptGlobals).Assembly, typeof(Microsoft.CodeAnalysis.Compilation).Assembly })
        {
            var name = assembly.GetName();

            Assert.Equal($"{name.Name}/{name.Version}/{assembly.ManifestModule.ModuleVersionId}", ToolFingerprint.Describe(name.Name!));
        }

        Assert.Equal("No.Such.Assembly/missing", ToolFingerprint.Describe("No.Such.Assembly"));
        Assert.Contains("Microsoft.CodeAnalysis.CSharp.Scripting/", ToolFingerprint.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Second_host_on_the_same_cache_skips_compilation()
    {
        using var repo = Repo();

        var first = new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");
        var second = new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.Equal(
            string.Join("\n", first.Manifest.Objects.Select(o => o.Manifest.ToJsonString())),
            string.Join("\n", second.Manifest.Objects.Select(o => o.Manifest.ToJsonString())));
    }

    [Theory]
    [InlineData("templates/web.csx", "WebService Web(string name) => new WebService(name) { Image = \"x:2\" };\n", "x:2")]
    [InlineData("gitops.csx", "#load \"templates/web.csx\"\nApp(\"shop\", env => Web(\"web\") );\n", "x:1")]
    [InlineData("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"dev2\");\n", "x:1")]
    public void Changing_any_script_recompiles(string path, string content, string expectedImage)
    {
        using var repo = Repo();
        new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");

        repo.Write(path, content);
        var after = new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");

        Assert.False(after.FromCache);
        var image = (string?)after.Manifest.Objects.Single(o => o.Kind == "Deployment").Manifest["spec"]!["template"]!["spec"]!["containers"]![0]!["image"];
        Assert.Equal(expectedImage, image);
    }

    [Fact]
    public void Cached_script_still_reports_runtime_errors_with_file_and_line()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "App(\"shop\", env =>\n    throw new InvalidOperationException(\"boom\"));\n")
            .Write("environments/dev.csx", "Environment(\"dev\", e => { });\n");
        Assert.Throws<ScriptException>(() => new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev"));

        var error = Assert.Throws<ScriptException>(() => new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev"));

        Assert.Equal("gitops.csx(2): error: InvalidOperationException: boom", error.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Cache_is_independent_of_where_the_repository_lies()
    {
        using var a = Repo();
        using var b = Repo();
        var cache = a.CacheDirectory;

        new ScriptHost(a.Root, cache).Evaluate("dev");
        var moved = new ScriptHost(b.Root, cache).Evaluate("dev");

        Assert.True(moved.FromCache);
    }

    [Fact]
    public void Cache_entry_on_disk_is_all_a_new_host_needs()
    {
        using var repo = Repo();
        new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev");
        var entries = Directory.GetDirectories(repo.CacheDirectory);

        // The host keeps nothing in memory between instances: a hit comes from these files alone.
        var entry = Assert.Single(entries);
        Assert.True(File.Exists(Path.Combine(entry, "script.dll")));
        Assert.Contains("templates/web.csx", File.ReadAllText(Path.Combine(entry, "manifest.json")), StringComparison.Ordinal);
        Assert.True(new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev").FromCache);

        Directory.Delete(entry, recursive: true);
        Assert.False(new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev").FromCache);
    }
}

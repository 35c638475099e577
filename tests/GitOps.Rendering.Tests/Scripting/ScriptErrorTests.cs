using GitOps.Rendering.Scripting;

namespace GitOps.Rendering.Tests.Scripting;

public sealed class ScriptErrorTests
{
    private const string Dev = "Environment(\"dev\", e => e.Namespace = \"dev\");\n";

    private static ScriptException Fails(TempRepo repo) =>
        Assert.Throws<ScriptException>(() => new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev"));

    [Fact]
    public void Every_compile_error_is_reported_including_those_in_loaded_files()
    {
        using var repo = new TempRepo()
            .Write("templates/web.csx", "WebService Web(string name) => new WebService(name) { Imagee = \"x:1\" };\n")
            .Write("gitops.csx", "#load \"templates/web.csx\"\nApp(\"shop\", env => Web(\"web\"));\nint x = \"text\";\n")
            .Write("environments/dev.csx", Dev);

        var lines = Fails(repo).Diagnostics.Select(d => d.ToString()).ToList();

        Assert.Equal(2, lines.Count);
        Assert.StartsWith("gitops.csx(3,9): error CS0029: Cannot implicitly convert type 'string' to 'int'", lines[0]);
        Assert.StartsWith("templates/web.csx(1,55): error CS0117: 'WebService' does not contain a definition for 'Imagee'", lines[1]);
    }

    [Fact]
    public void Load_resolves_relative_to_the_loading_script()
    {
        using var repo = new TempRepo()
            .Write("teams/a/app.csx", "#load \"../../templates/web.csx\"\nApp(\"a\", env => Web(\"web\"));\n")
            .Write("templates/web.csx", "WebService Web(string name) => new WebService(name) { Image = \"x:1\" };\n")
            .Write("gitops.csx", "#load \"teams/a/app.csx\"\n")
            .Write("environments/dev.csx", Dev);

        var manifest = new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("dev").Manifest;

        Assert.Contains(manifest.Objects, o => o.Kind == "Deployment" && o.App == "a");
    }

    [Fact]
    public void Load_outside_the_repository_is_refused_at_the_directive()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "#load \"../outside.csx\"\nApp(\"a\", env => new Worker(\"w\") { Image = \"x:1\" });\n")
            .Write("environments/dev.csx", Dev);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(repo.Root)!, "outside.csx"), "// never loaded\n");

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("gitops.csx", diagnostic.File);
        Assert.Equal(1, diagnostic.Line);
        Assert.Equal("GITOPS002", diagnostic.Code);
        Assert.Contains("outside the repository", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_of_a_missing_file_names_it()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "\n#load \"templates/nope.csx\"\n")
            .Write("environments/dev.csx", Dev);

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("gitops.csx(2,1): error GITOPS003: #load \"templates/nope.csx\": file templates/nope.csx does not exist.", diagnostic.ToString());
    }

    [Fact]
    public void Reference_directives_are_refused_with_a_clear_message()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "#r \"nuget: Newtonsoft.Json, 13.0.3\"\nApp(\"a\", env => new Worker(\"w\") { Image = \"x:1\" });\n")
            .Write("environments/dev.csx", Dev);

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("GITOPS001", diagnostic.Code);
        Assert.StartsWith("gitops.csx(1,1): error GITOPS001: #r \"nuget: Newtonsoft.Json, 13.0.3\" is not allowed", diagnostic.ToString());
    }

    [Fact]
    public void Runtime_exception_in_an_app_names_the_script_and_line()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "App(\"a\", env =>\n{\n    string? missing = null;\n    return new Worker(missing!.ToUpperInvariant()) { Image = \"x:1\" };\n});\n")
            .Write("environments/dev.csx", Dev);

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("gitops.csx(4): error: NullReferenceException: Object reference not set to an instance of an object.", diagnostic.ToString());
    }

    [Fact]
    public void Runtime_exception_in_an_environment_patch_names_the_environment_script()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "App(\"a\", env => new WebService(\"w\") { Image = \"x:1\" });\n")
            .Write("environments/dev.csx", "Environment(\"dev\", e =>\n{\n    e.Patch<V1Deployment>(d => d.Container(\"sidecar\").Image = \"y:1\");\n});\n");

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("environments/dev.csx(3): error: the pod template has no container named 'sidecar' (it has: w).", diagnostic.ToString());
    }

    [Fact]
    public void Unknown_environment_lists_the_known_ones()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "")
            .Write("environments/dev.csx", Dev)
            .Write("environments/prod.csx", Dev);

        var error = Assert.Throws<ScriptException>(() => new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("qa"));

        Assert.Equal("error: environment 'qa' has no script environments/qa.csx; known environments: dev, prod.", error.Diagnostics.Single().ToString());
    }

    [Fact]
    public void Missing_generator_file_is_reported_at_the_app_line()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "\nApp(\"a\", env => new ConfigMapGenerator(\"c\") { Files = { \"nope.txt\" } });\n")
            .Write("environments/dev.csx", Dev);

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("gitops.csx(2): error: file 'nope.txt' does not exist (looked for nope.txt, relative to gitops.csx).", diagnostic.ToString());
    }

    [Fact]
    public void Invalid_included_yaml_names_the_yaml_file_and_line()
    {
        using var repo = new TempRepo()
            .Write("legacy/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n")
            .Write("gitops.csx", "App(\"a\", env => new YamlFile(\"legacy/app.yaml\"));\n")
            .Write("environments/dev.csx", Dev);

        var diagnostic = Assert.Single(Fails(repo).Diagnostics);

        Assert.Equal("legacy/app.yaml", diagnostic.File);
        Assert.Contains("invalid YAML", diagnostic.Message, StringComparison.Ordinal);
    }
}

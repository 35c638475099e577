using GitOps.Rendering.Scripting;

namespace GitOps.Rendering.Tests.Scripting;

public sealed class ScriptHostTests
{
    private const string Root = """
        public sealed class Settings { public int Replicas { get; init; } = 1; public string Tag { get; init; } = "1.0.0"; }
        App("shop", env => new WebService("frontend")
        {
            Image = "ghcr.io/acme/frontend:" + env.Values<Settings>().Tag,
            Replicas = env.Values<Settings>().Replicas,
        });
        """;

    [Fact]
    public void Environment_script_uses_types_declared_in_gitops_csx()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", Root)
            .Write("environments/prod.csx", """
                Environment("prod", e =>
                {
                    e.Namespace = "shop-prod";
                    e.Values(new Settings { Replicas = 4, Tag = "2.0.0" });
                });
                """);

        var manifest = new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("prod").Manifest;

        var deployment = manifest.Objects.Single(o => o.Kind == "Deployment").Manifest;
        Assert.Equal(4, (int)deployment["spec"]!["replicas"]!);
        Assert.Equal("ghcr.io/acme/frontend:2.0.0", (string?)deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]);
        Assert.Equal("shop-prod", (string?)deployment["metadata"]!["namespace"]);
    }

    [Fact]
    public void Misspelt_value_is_a_compile_error_with_file_line_and_column()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", Root)
            .Write("environments/prod.csx", """
                Environment("prod", e =>
                {
                    e.Values(new Settings { Replicaz = 4 });
                });
                """);

        var error = Assert.Throws<ScriptException>(() => new ScriptHost(repo.Root, repo.CacheDirectory).Evaluate("prod"));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.StartsWith("environments/prod.csx(3,29): error CS0117: 'Settings' does not contain a definition for 'Replicaz'", diagnostic.ToString());
    }

    [Fact]
    public void Apps_may_return_a_collection_expression_of_mixed_items()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", """
                App("shop", env => [new Worker("queue") { Image = "acme/queue:2.0" }, new V1ConfigMap { Metadata = new() { Name = "settings" } }]);
                """)
            .Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"dev\");\n");

        var manifest = new ScriptHost(repo.Root, TempRepo.SharedCache).Evaluate("dev").Manifest;

        Assert.Equal(["Deployment", "ConfigMap"], manifest.Objects.Select(o => o.Kind));
    }
}

namespace GitOps.Rendering.Tests.EndToEnd;

/// <summary>This repository's own config and the examples render, and say what the README promises.</summary>
public sealed class ExampleTests
{
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "GitOpsDsl.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("GitOpsDsl.sln not found above the test assembly.");
    }

    private static Dictionary<string, string> Render(string configFolder)
    {
        var output = Path.Combine(Path.GetTempPath(), "gitops-example-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            RenderWorkflow.Run(new RenderSettings
            {
                ConfigRoot = Path.Combine(RepositoryRoot(), configFolder),
                OutputDirectory = output,
                CacheDirectory = TempRepo.SharedCache,
            });
            return Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .ToDictionary(path => Path.GetRelativePath(output, path).Replace('\\', '/'), File.ReadAllText);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void Repository_config_renders_a_storefront_per_environment()
    {
        var files = Render(".");

        foreach (var env in new[] { "dev", "staging", "prod" })
        {
            Assert.Contains($"{env}/storefront/deployment_frontend.yaml", files.Keys);
            Assert.Contains($"{env}/storefront/horizontalpodautoscaler_backend.yaml", files.Keys);
            Assert.Contains($"{env}/storefront/deployment_cache.yaml", files.Keys);
            Assert.Contains($"{env}/database/statefulset_postgres.yaml", files.Keys);
            Assert.Contains($"{env}/database/cronjob_postgres-backup.yaml", files.Keys);
            Assert.Contains($"{env}/storefront/serviceaccount_backend.yaml", files.Keys);
            Assert.Contains(files.Keys, path => path.StartsWith($"{env}/storefront/configmap_frontend-config-", StringComparison.Ordinal));
            Assert.Contains($"namespace: storefront-{env}\n", files[$"{env}/storefront/deployment_backend.yaml"], StringComparison.Ordinal);
        }

        Assert.Contains("image: ghcr.io/acme/storefront-frontend:1.5.1\n", files["prod/storefront/deployment_frontend.yaml"], StringComparison.Ordinal);
        Assert.Contains("image: ghcr.io/acme/storefront-frontend:1.6.0-rc.2\n", files["dev/storefront/deployment_frontend.yaml"], StringComparison.Ordinal);
        Assert.Contains("priorityClassName: high\n", files["prod/storefront/deployment_backend.yaml"], StringComparison.Ordinal);
        Assert.Contains("maxReplicas: 10\n", files["prod/storefront/horizontalpodautoscaler_frontend.yaml"], StringComparison.Ordinal);
        Assert.Contains("storage: 100Gi\n", files["prod/database/statefulset_postgres.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void Minimal_example_renders_one_app_in_one_environment()
    {
        var files = Render("examples/minimal");

        Assert.Equal(
            [".gitattributes", "dev/README.md", "dev/hello/deployment_hello.yaml", "dev/hello/service_hello.yaml", "dev/render.json"],
            files.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Multi_team_example_renders_shared_components_custom_resources_and_included_yaml()
    {
        var files = Render("examples/multi-team");

        Assert.Contains("release: prometheus-prod\n", files["prod/payments/servicemonitor.monitoring.coreos.com_payments-api.yaml"], StringComparison.Ordinal);
        Assert.Contains("release: prometheus\n", files["staging/payments/servicemonitor.monitoring.coreos.com_payments-api.yaml"], StringComparison.Ordinal);
        Assert.Contains("- payments.prod.acme.example.com\n", files["prod/payments/certificate.cert-manager.io_payments-tls.yaml"], StringComparison.Ordinal);
        Assert.Contains("networkpolicy_search-api.yaml", string.Join(" ", files.Keys), StringComparison.Ordinal);
        var settings = files.Keys.Single(path => path.StartsWith("prod/payments/configmap_payments-settings-", StringComparison.Ordinal));
        Assert.Contains(Path.GetFileNameWithoutExtension(settings)["configmap_".Length..], files["prod/payments/deployment_payments-api.yaml"], StringComparison.Ordinal);
        var redis = files["prod/search/deployment_search-redis.yaml"];
        Assert.Contains("  labels:\n    app: search-redis\n", redis, StringComparison.Ordinal);
        Assert.DoesNotContain("app.kubernetes.io", redis, StringComparison.Ordinal);
        Assert.Contains("replicas: 2\n", files["prod/search/deployment_search-indexer.yaml"], StringComparison.Ordinal);
    }
}

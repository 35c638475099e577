using System.Reflection;
using GitOps.Rendering.Diff;

namespace GitOps.Testing.Tests.Templates;

/// <summary>
/// The dotnet new templates, end to end: install them into an isolated template hive, instantiate gitops-repo and
/// gitops-app, render the result, and run the generated snapshot tests against this checkout's GitOps.Testing.
/// </summary>
public sealed class TemplateTests : IDisposable
{
    private static readonly string Checkout = FindCheckout();
    private readonly string work = Path.Combine(Path.GetTempPath(), "gitops-templates-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<string, string> environment;

    public TemplateTests()
    {
        Directory.CreateDirectory(work);
        environment = new() { ["GITOPS_CACHE_DIR"] = Path.Combine(Path.GetTempPath(), "gitops-templates-script-cache") };
    }

    [Fact]
    public async Task Gitops_repo_and_gitops_app_instantiate_render_and_their_generated_tests_pass()
    {
        var hive = Path.Combine(work, "hive");
        var repo = Path.Combine(work, "acme");
        foreach (var template in new[] { "gitops-repo", "gitops-app" })
        {
            await Dotnet(work, "new", "install", Path.Combine(Checkout, "templates", "content", template), "--debug:custom-hive", hive);
        }

        await Dotnet(work, "new", "gitops-repo", "-n", "Acme", "-o", repo, "--debug:custom-hive", hive);
        await Dotnet(repo, "new", "gitops-app", "-n", "checkout", "-o", repo, "--image", "ghcr.io/acme/checkout:2.0.0", "--port", "9090", "--debug:custom-hive", hive);

        foreach (var file in new[] { "gitops.csx", "environments/dev.csx", "environments/prod.csx", ".config/dotnet-tools.json", ".github/workflows/gitops.yml", ".gitlab-ci.yml", ".gitignore", "tests/Acme.Tests/Acme.Tests.csproj", "apps/checkout.csx" })
        {
            Assert.True(File.Exists(Path.Combine(repo, file)), $"{file} was not generated");
        }

        File.WriteAllText(Path.Combine(repo, "gitops.csx"), "#load \"apps/checkout.csx\"\n" + File.ReadAllText(Path.Combine(repo, "gitops.csx")));
        var rendered = TreeRender.Render(repo, [], environment["GITOPS_CACHE_DIR"]).ToDictionary(f => f.Path, f => f.Content);
        Assert.Contains("replicas: 3", rendered["prod/web/deployment_web.yaml"]);
        Assert.Contains("image: ghcr.io/acme/checkout:2.0.0", rendered["dev/checkout/deployment_checkout.yaml"]);
        Assert.Contains("containerPort: 9090", rendered["dev/checkout/deployment_checkout.yaml"]);

        // Strict: the first run has no snapshots and fails; accepting them makes the generated tests pass.
        var project = Path.Combine(repo, "tests", "Acme.Tests");
        var first = await DotnetTest(project);
        Assert.NotEqual(0, first.ExitCode);
        Assert.Contains("missing:  web/deployment_web.yaml", first.Output);
        Assert.NotEmpty(SnapshotFiles.AcceptAll(Path.Combine(project, "snapshots")));
        var second = await DotnetTest(project, "--no-build");
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("Passed!", second.Output);
    }

    private Task<DotnetProcess.Outcome> DotnetTest(string project, params string[] extra)
    {
        var configuration = typeof(TemplateTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        return DotnetProcess.RunAsync(project, environment, [
            "test", "-c", configuration,
            $"-p:GitOpsTestingProject={Path.Combine(Checkout, "src", "GitOps.Testing", "GitOps.Testing.csproj")}",
            // This checkout's projects are built already (this test assembly depends on them); only the generated one builds.
            "-p:BuildProjectReferences=false",
            .. extra]);
    }

    private async Task Dotnet(string directory, params string[] args)
    {
        var outcome = await DotnetProcess.RunAsync(directory, environment, args);
        Assert.True(outcome.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed:\n{outcome.Output}");
    }

    private static string FindCheckout()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "GitOpsDsl.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("no GitOpsDsl.sln above the test assembly");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

using System.CommandLine;
using GitOps.Rendering.Diff;

namespace GitOps.Cli.Tests.CheckDiff;

public sealed class InitCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gitops-init-" + Guid.NewGuid().ToString("N")[..12], "acme-config");

    private static (int Code, string Stdout, string Stderr) Init(string cwd, params string[] args)
    {
        var command = new InitCommand();
        var root = new RootCommand();
        root.Subcommands.Add(command.Build());
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = command.Run(root.Parse(["init", .. args]), stdout, stderr, cwd);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Init_writes_the_gitops_repo_template_files_named_after_the_folder_and_they_render()
    {
        Directory.CreateDirectory(folder);

        var (code, stdout, _) = Init(folder);

        Assert.Equal(0, code);
        Assert.Contains("created tests/AcmeConfig.Tests/AcmeConfig.Tests.csproj", stdout);
        var template = Path.Combine(Checkout(), "templates", "content", "gitops-repo");
        var expected = Directory.EnumerateFiles(template, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(template, path).Replace('\\', '/'))
            .Where(path => !path.StartsWith(".template.config/", StringComparison.Ordinal))
            .Select(path => path == "gitignore" ? ".gitignore" : path.Replace("GitOpsConfig", "AcmeConfig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        var written = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(path => Path.GetRelativePath(folder, path).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(expected, written);
        Assert.Contains("namespace AcmeConfig.Tests;", File.ReadAllText(Path.Combine(folder, "tests", "AcmeConfig.Tests", "EnvironmentSnapshots.cs")));
        Assert.Equal(File.ReadAllText(Path.Combine(template, "gitops.csx")), File.ReadAllText(Path.Combine(folder, "gitops.csx")));

        var rendered = TreeRender.Render(folder, [], ConfigRepo.SharedCache);
        Assert.Contains(rendered, file => file.Path == "prod/web/deployment_web.yaml" && file.Content.Contains("replicas: 3"));
    }

    [Fact]
    public void Init_refuses_to_overwrite_and_writes_nothing()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "gitops.csx"), "// mine\n");

        var (code, _, stderr) = Init(folder);

        Assert.Equal(2, code);
        Assert.Contains("already has gitops.csx; nothing was written", stderr);
        Assert.Equal(["gitops.csx"], Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(Path.GetFileName));
    }

    private static string Checkout()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GitOpsDsl.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("no checkout above the test assembly");
    }

    public void Dispose()
    {
        var parent = Path.GetDirectoryName(folder)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}

using System.Diagnostics;

namespace GitOps.Cli.Tests;

public sealed class RenderCommandTests
{
    private static (int Exit, string Out, string Err) Run(string currentDirectory, params string[] args)
    {
        var render = new RenderCommand();
        var result = render.Build().Parse(args);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = render.Run(result, stdout, stderr, currentDirectory);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Render_from_inside_the_repository_commits_the_rendered_branch()
    {
        using var repo = new ConfigRepo();
        Directory.CreateDirectory(Path.Combine(repo.Root, "environments", "sub"));

        var (exit, output, _) = Run(Path.Combine(repo.Root, "environments", "sub"), "--cache-dir", repo.Cache, "--committer-name", "Bot", "--committer-email", "bot@example.com");

        Assert.Equal(0, exit);
        Assert.Contains("rendered dev, prod:", output, StringComparison.Ordinal);
        Assert.Contains($"committed {repo.Git("rev-parse", "rendered").Trim()} to branch 'rendered'", output, StringComparison.Ordinal);
        Assert.Equal("Bot <bot@example.com>", repo.Git("log", "-1", "--format=%cn <%ce>", "rendered").Trim());
    }

    [Fact]
    public void Second_render_reports_no_new_commit()
    {
        using var repo = new ConfigRepo();
        Run(repo.Root, "--cache-dir", repo.Cache);

        var (exit, output, _) = Run(repo.Root, "--cache-dir", repo.Cache);

        Assert.Equal(0, exit);
        Assert.Contains("is up to date", output, StringComparison.Ordinal);
        Assert.Contains("2 of 2 compiled scripts from cache", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Repo_out_and_env_options_render_one_environment_to_a_folder()
    {
        using var repo = new ConfigRepo();

        var (exit, _, _) = Run(Path.GetTempPath(), "--repo", repo.Root, "--out", repo.Out, "--env", "prod", "--cache-dir", repo.Cache);

        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(repo.Out, "prod", "shop", "deployment_web.yaml")));
        Assert.False(Directory.Exists(Path.Combine(repo.Out, "dev")));
        Assert.Equal("", repo.Git("branch", "--list", "rendered"));
    }

    [Fact]
    public void Unknown_environment_fails_with_the_known_ones()
    {
        using var repo = new ConfigRepo();

        var (exit, _, error) = Run(repo.Root, "--env", "qa", "--env", "dev", "--cache-dir", repo.Cache);

        Assert.Equal(1, exit);
        Assert.Contains("unknown environment 'qa' (no environments/qa.csx); known environments: dev, prod.", error, StringComparison.Ordinal);
        Assert.Contains("nothing was written", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_error_prints_file_line_and_exits_1()
    {
        using var repo = new ConfigRepo();
        File.WriteAllText(Path.Combine(repo.Root, "environments", "dev.csx"), "Environment(\"dev\", e => e.Namespce = \"x\");\n");

        var (exit, _, error) = Run(repo.Root, "--out", repo.Out, "--cache-dir", repo.Cache);

        Assert.Equal(1, exit);
        Assert.Contains("environments/dev.csx(1,27): error CS1061: 'EnvironmentBuilder' does not contain a definition for 'Namespce'", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo.Out));
    }

    [Fact]
    public void Strict_turns_unpinned_image_warnings_into_errors()
    {
        using var repo = new ConfigRepo();
        File.WriteAllText(Path.Combine(repo.Root, "gitops.csx"), "App(\"shop\", env => new WebService(\"web\") { Image = \"nginx:latest\" });\n");

        var lenient = Run(repo.Root, "--out", repo.Out, "--cache-dir", repo.Cache, "--env", "dev");
        var strict = Run(repo.Root, "--out", repo.Out + "-strict", "--cache-dir", repo.Cache, "--env", "dev", "--strict");

        Assert.Equal(0, lenient.Exit);
        Assert.Contains("warning: dev/shop Deployment/web spec.template.spec.containers[0].image: image 'nginx:latest' uses ':latest'", lenient.Err, StringComparison.Ordinal);
        Assert.Equal(1, strict.Exit);
        Assert.Contains("error: dev/shop Deployment/web spec.template.spec.containers[0].image", strict.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void No_config_repository_found_is_a_clear_error()
    {
        var empty = Directory.CreateTempSubdirectory("gitops-empty-").FullName;
        try
        {
            var (exit, _, error) = Run(empty);

            Assert.Equal(1, exit);
            Assert.Contains("no gitops.csx in", error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    [Fact]
    public void A_new_process_reuses_scripts_compiled_by_an_earlier_process()
    {
        using var repo = new ConfigRepo();
        var tool = Path.Combine(AppContext.BaseDirectory, "gitops.dll");

        var first = Tool(tool, repo, "render", "--out", repo.Out, "--env", "dev", "--cache-dir", repo.Cache);
        var second = Tool(tool, repo, "render", "--out", repo.Out, "--env", "dev", "--cache-dir", repo.Cache);

        Assert.Contains("0 of 1 compiled scripts from cache", first, StringComparison.Ordinal);
        Assert.Contains("1 of 1 compiled scripts from cache", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_render_from_the_compile_cache_loads_no_compiler_assembly()
    {
        using var repo = new ConfigRepo();
        var tool = Path.Combine(AppContext.BaseDirectory, "gitops.dll");
        var trace = new Dictionary<string, string> { ["GITOPS_TIMINGS"] = "1" };

        var cold = ToolWithError(tool, repo, trace, "render", "--out", repo.Out, "--env", "dev", "--cache-dir", repo.Cache);
        var warm = ToolWithError(tool, repo, trace, "render", "--out", repo.Out, "--env", "dev", "--cache-dir", repo.Cache);

        Assert.Contains("1 of 1 compiled scripts from cache", warm.Output, StringComparison.Ordinal);
        Assert.Contains("Microsoft.CodeAnalysis.CSharp", LoadedAssemblies(cold.Error));
        Assert.DoesNotContain(LoadedAssemblies(warm.Error), name => name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal));
        Assert.Contains(warm.Error.Split('\n'), line => line.StartsWith("[timing] dev: run script and evaluate: ", StringComparison.Ordinal));
    }

    // The trace's last line names every assembly the process loaded.
    private static string[] LoadedAssemblies(string traceOutput) =>
        traceOutput.Split('\n').Single(line => line.StartsWith("[timing] loaded assemblies: ", StringComparison.Ordinal))
            ["[timing] loaded assemblies: ".Length..].Trim().Split(", ");

    private static string Tool(string tool, ConfigRepo repo, params string[] args) => ToolWithError(tool, repo, [], args).Output;

    private static (string Output, string Error) ToolWithError(string tool, ConfigRepo repo, Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, error.Result);
        return (output.Result, error.Result);
    }
}

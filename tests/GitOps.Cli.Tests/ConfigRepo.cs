using System.Diagnostics;

namespace GitOps.Cli.Tests;

/// <summary>A throwaway git config repository with two environments.</summary>
internal sealed class ConfigRepo : IDisposable
{
    public ConfigRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "gitops-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(Root, "environments"));
        File.WriteAllText(Path.Combine(Root, "gitops.csx"), "App(\"shop\", env => new WebService(\"web\") { Image = \"nginx:1.27\" });\n");
        File.WriteAllText(Path.Combine(Root, "environments", "dev.csx"), "Environment(\"dev\", e => e.Namespace = \"shop-dev\");\n");
        File.WriteAllText(Path.Combine(Root, "environments", "prod.csx"), "Environment(\"prod\", e => e.Namespace = \"shop-prod\");\n");
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test Author");
        Git("config", "user.email", "author@example.com");
        Git("add", "-A");
        Git("commit", "-q", "-m", "config");
    }

    public string Root { get; }

    public string Cache => Root + "-cache";

    public string Out => Root + "-out";

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = Root;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error.Result}");
    }

    public void Dispose()
    {
        foreach (var folder in new[] { Root, Cache, Out })
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}

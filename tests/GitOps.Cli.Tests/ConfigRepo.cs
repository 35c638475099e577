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

    public string Git(params string[] args) => GitProcess.Run(Root, args);

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

namespace GitOps.Cli.Tests.CheckDiff;

/// <summary>A config repository in a temp folder, a real git repository with its own identity.</summary>
internal sealed class ConfigRepo : IDisposable
{
    /// <summary>Compiled scripts are keyed by content, so tests share one cache safely and stay fast.</summary>
    public static readonly string SharedCache = Path.Combine(Path.GetTempPath(), "gitops-cli-tests-script-cache");

    public ConfigRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "gitops-cli-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Git("init", "-q", "-b", "main");
        Git("config", "user.name", "Test Author");
        Git("config", "user.email", "author@example.com");
        Git("config", "commit.gpgsign", "false");
    }

    public string Root { get; }

    /// <summary>A small two-environment config: one web service, prod with a name prefix.</summary>
    public static ConfigRepo Small()
    {
        var repo = new ConfigRepo();
        repo.Write("gitops.csx", """
            public sealed record Settings { public int Replicas { get; init; } = 1; }
            App("shop", env => new WebService("web") { Image = "ghcr.io/acme/web:1.0.0", Port = 8080, Replicas = env.Values<Settings>().Replicas });
            """);
        repo.Write("environments/dev.csx", """Environment("dev", e => e.Namespace = "shop-dev");""");
        repo.Write("environments/prod.csx", """
            Environment("prod", e =>
            {
                e.Namespace = "shop-prod";
                e.NamePrefix = "prod-";
                e.Values(new Settings { Replicas = 3 });
            });
            """);
        return repo;
    }

    /// <summary>This repository's own config (gitops.csx, environments/, config/), copied from the checkout.</summary>
    public static ConfigRepo CopyOfThisRepository()
    {
        var source = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(source, "gitops.csx")) || !File.Exists(Path.Combine(source, "GitOpsDsl.sln")))
        {
            source = Path.GetDirectoryName(source) ?? throw new InvalidOperationException("no checkout with gitops.csx above the test assembly");
        }

        var repo = new ConfigRepo();
        File.Copy(Path.Combine(source, "gitops.csx"), Path.Combine(repo.Root, "gitops.csx"));
        foreach (var folder in new[] { "environments", "config" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(source, folder), "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(repo.Root, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return repo;
    }

    public ConfigRepo Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public string Read(string path) => File.ReadAllText(Path.Combine(Root, path));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => GitProcess.Run(Root, args);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

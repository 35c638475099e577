namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// A bare repository on disk (the remote the reconciler fetches) and a working clone that tests write YAML into and
/// push to the <c>rendered</c> branch, as `gitops render` would.
/// </summary>
public sealed class RenderedRepo : IDisposable
{
    private readonly TempDirectory root = new();

    public RenderedRepo(string branch = "rendered")
    {
        Branch = branch;
        BarePath = root.Combine("remote.git");
        WorkPath = root.Combine("work");
        CacheDirectory = root.Combine("cache");
        Git.Run(root.Path, "init", "--bare", "--quiet", BarePath);
        Git.Run(root.Path, "init", "--quiet", "--initial-branch", branch, WorkPath);
        Git.Run(WorkPath, "config", "user.name", "Reconciler Tests");
        Git.Run(WorkPath, "config", "user.email", "tests@gitops.invalid");
        Git.Run(WorkPath, "config", "commit.gpgsign", "false");
        Git.Run(WorkPath, "remote", "add", "origin", BarePath);
    }

    public string Branch { get; }

    public string BarePath { get; }

    public string WorkPath { get; }

    public string CacheDirectory { get; }

    public string RootPath => root.Path;

    public RenderedRepo Write(string path, string content)
    {
        var full = Path.Combine(WorkPath, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public RenderedRepo Delete(string path)
    {
        File.Delete(Path.Combine(WorkPath, path));
        return this;
    }

    public RenderedRepo DeleteDirectory(string path)
    {
        Directory.Delete(Path.Combine(WorkPath, path), recursive: true);
        return this;
    }

    /// <summary>Commits everything and pushes it; returns the new commit SHA.</summary>
    public string Commit(string message = "render")
    {
        Git.Run(WorkPath, "add", "--all");
        Git.Run(WorkPath, "commit", "--quiet", "--allow-empty", "-m", message);
        Git.Run(WorkPath, "push", "--quiet", "--force", "origin", $"HEAD:refs/heads/{Branch}");
        return Git.Run(WorkPath, "rev-parse", "HEAD");
    }

    public void Dispose() => root.Dispose();
}

using System.Diagnostics;

namespace GitOps.Rendering.Tests.Git;

/// <summary>
/// A real git repository in a temp folder, driven by the git CLI with its own identity and no global or system
/// config, so tests neither depend on nor disturb the machine's git set-up.
/// </summary>
internal sealed class TempGitRepository : IDisposable
{
    private int commitCount;

    private TempGitRepository(string root) => Root = root;

    public string Root { get; }

    public static TempGitRepository Init()
    {
        var repository = new TempGitRepository(NewTempFolder());
        repository.Git("init", "--quiet", "--initial-branch=main");
        repository.Configure();
        return repository;
    }

    public static TempGitRepository CloneOf(TempGitRepository source)
    {
        var root = NewTempFolder();
        RunGit(Path.GetTempPath(), "clone", "--quiet", source.Root, root);
        var clone = new TempGitRepository(root);
        clone.Configure();
        return clone;
    }

    public void WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Commits everything with a fixed, increasing date so clones of the same history agree on ids.</summary>
    public string CommitAll(string message)
    {
        Git("add", "--all");
        commitCount++;
        var date = $"2026-01-0{Math.Min(commitCount, 9)}T10:00:00+02:00";
        RunGit(Root, ["commit", "--quiet", "--message", message], ("GIT_AUTHOR_DATE", date), ("GIT_COMMITTER_DATE", date));
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] arguments) => RunGit(Root, arguments);

    public void Dispose()
    {
        foreach (var file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Root, recursive: true);
    }

    private void Configure()
    {
        Git("config", "user.name", "Test Author");
        Git("config", "user.email", "author@example.com");
        Git("config", "commit.gpgsign", "false");
    }

    private static string NewTempFolder()
    {
        var path = Path.Combine(Path.GetTempPath(), "gitops-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    private static string RunGit(string workingDirectory, IReadOnlyList<string> arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}");
        }

        return output;
    }

    private static string RunGit(string workingDirectory, params string[] arguments) => RunGit(workingDirectory, (IReadOnlyList<string>)arguments);
}

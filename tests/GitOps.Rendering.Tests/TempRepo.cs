using System.Diagnostics;

namespace GitOps.Rendering.Tests;

/// <summary>A throwaway config repository in a temp folder, optionally a real git repository.</summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo(bool git = false)
    {
        Root = Path.Combine(Path.GetTempPath(), "gitops-test-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        CacheDirectory = Path.Combine(Root + "-cache");
        if (git)
        {
            Git("init", "-q", "-b", "main");
            Git("config", "user.name", "Test Author");
            Git("config", "user.email", "author@example.com");
            Git("config", "commit.gpgsign", "false");
        }
    }

    /// <summary>
    /// One compile cache for the whole test run, for tests that are not about caching: entries are keyed by content,
    /// so sharing is safe, and it spares recompiling the same scripts in every test.
    /// </summary>
    public static string SharedCache { get; } = Path.Combine(Path.GetTempPath(), "gitops-test-cache-" + Environment.ProcessId);

    public string Root { get; }

    public string CacheDirectory { get; }

    public TempRepo Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public void Delete(string path) => File.Delete(Path.Combine(Root, path));

    public string Commit(string message, string date = "2026-01-02T03:04:05Z")
    {
        Git("add", "-A");
        GitWithEnv(new() { ["GIT_AUTHOR_DATE"] = date, ["GIT_COMMITTER_DATE"] = date }, "commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => GitWithEnv([], args);

    public string GitWithEnv(Dictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env)
        {
            start.Environment[key] = value;
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["HOME"] = Root;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {error.Result}");
        }

        return output.Result;
    }

    public void Dispose()
    {
        foreach (var dir in new[] { Root, CacheDirectory })
        {
            try
            {
                if (Directory.Exists(dir))
                {
                    foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
                    {
                        File.SetAttributes(file, FileAttributes.Normal);
                    }

                    Directory.Delete(dir, recursive: true);
                }
            }
            catch (IOException)
            {
            }
        }
    }
}

using System.Diagnostics;

namespace GitOps.Bench;

/// <summary>Generates one system size and measures kustomize and (when available) gitops render on it.</summary>
internal static class BenchRun
{
    // One run that takes longer than this is not repeated: on a shared 2-core machine, repeats of a minutes-long
    // kustomize run cost more than the precision they add.
    private static readonly TimeSpan RepeatOnlyBelow = TimeSpan.FromSeconds(20);

    public static BenchResult Measure(string folder, int apps, int repeat, string? gitops, TimeSpan timeout)
    {
        var scripts = Path.Combine(folder, "scripts");
        var kustomize = Path.Combine(folder, "kustomize");
        ScriptSystemWriter.Write(scripts, apps);
        CommitAll(scripts);
        KustomizeSystemWriter.Write(kustomize, apps);
        Console.Error.WriteLine($"N={apps}: generated {scripts} and {kustomize}");

        var kustomizeRuns = Repeat(repeat, () => KustomizeAllOverlays(kustomize, timeout));
        var kustomizeObjects = kustomizeRuns[0].TimedOut ? (int?)null : CountDocuments(kustomizeRuns[0].StandardOutput);
        Console.Error.WriteLine($"N={apps}: kustomize {Describe(kustomizeRuns)}");
        if (gitops is null)
        {
            return new BenchResult(apps, kustomizeObjects, null, Median(kustomizeRuns), null, null);
        }

        var cache = Path.Combine(folder, "script-cache");
        var output = Path.Combine(folder, "rendered");
        var cold = Repeat(repeat, () => Render(gitops, scripts, output, cache, emptyCache: true));
        Console.Error.WriteLine($"N={apps}: gitops cold {Describe(cold)}");
        var warm = Repeat(repeat, () => Render(gitops, scripts, output, cache, emptyCache: false));
        Console.Error.WriteLine($"N={apps}: gitops warm {Describe(warm)}");
        return new BenchResult(apps, kustomizeObjects, CountRenderedObjects(output), Median(kustomizeRuns), Median(cold), Median(warm));
    }

    private static List<Measurement> Repeat(int times, Func<Measurement> measure)
    {
        var runs = new List<Measurement> { measure() };
        while (runs.Count < times && runs[0].Elapsed < RepeatOnlyBelow && !runs[0].TimedOut)
        {
            runs.Add(measure());
        }

        return runs;
    }

    // The three overlays run one after another, each within the timeout; the first that times out ends the set.
    private static Measurement KustomizeAllOverlays(string root, TimeSpan timeout)
    {
        var runs = new List<Measurement>();
        foreach (var environment in SyntheticSystem.Environments)
        {
            runs.Add(MeasuredProcess.Run(root, new Dictionary<string, string>(), timeout, "kubectl", "kustomize", KustomizeSystemWriter.OverlayPath(root, environment.Name)));
            if (runs[^1].TimedOut)
            {
                break;
            }
        }

        return new Measurement(
            TimeSpan.FromTicks(runs.Sum(run => run.Elapsed.Ticks)),
            runs.Any(run => run.CpuTime < TimeSpan.Zero) ? TimeSpan.FromSeconds(-1) : TimeSpan.FromTicks(runs.Sum(run => run.CpuTime.Ticks)),
            runs.Max(run => run.PeakRssKilobytes),
            string.Join("---\n", runs.Select(run => run.StandardOutput)),
            runs[^1].TimedOut);
    }

    private static Measurement Render(string gitops, string repository, string output, string cache, bool emptyCache)
    {
        if (emptyCache && Directory.Exists(cache))
        {
            Directory.Delete(cache, recursive: true);
        }

        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }

        var environment = new Dictionary<string, string> { ["GITOPS_CACHE_DIR"] = cache, ["XDG_CACHE_HOME"] = cache };
        var (fileName, arguments) = GitopsTool.Command(gitops, "render", "--repo", repository, "--out", output);
        return MeasuredProcess.Run(repository, environment, fileName, arguments);
    }

    // Objects are the YAML files inside app folders (<env>/<app>/*.yaml); per-environment metadata sits above them.
    private static int CountRenderedObjects(string output) =>
        Directory.EnumerateDirectories(output)
            .SelectMany(environment => Directory.EnumerateDirectories(environment))
            .Sum(app => Directory.EnumerateFiles(app, "*.yaml", SearchOption.AllDirectories).Count());

    private static int CountDocuments(string yaml) =>
        yaml.Split('\n').Count(line => line.StartsWith("apiVersion:", StringComparison.Ordinal));

    private static Measurement Median(List<Measurement> runs) => runs.OrderBy(run => run.Elapsed).ElementAt(runs.Count / 2);

    private static string Describe(List<Measurement> runs) =>
        string.Join(", ", runs.Select(run => run.TimedOut ? $"timed out after {run.Elapsed.TotalSeconds:0}s" : $"{run.Elapsed.TotalSeconds:0.00}s (cpu {run.CpuTime.TotalSeconds:0.00}s)/{run.PeakRssKilobytes / 1024}MB"));

    private static void CommitAll(string repository)
    {
        foreach (var arguments in new[]
                 {
                     new[] { "init", "--quiet", "--initial-branch=main" },
                     ["add", "--all"],
                     ["-c", "user.name=bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "synthetic system"],
                 })
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments) { WorkingDirectory = repository, RedirectStandardOutput = true })!;
            git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed in {repository}.");
            }
        }
    }
}

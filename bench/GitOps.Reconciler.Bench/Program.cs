using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Bench;
using GitOps.Sandbox;

// Applies N mixed objects to a fresh sandbox with `kubectl apply --server-side -f DIR`, then the same files from a
// git branch to another fresh sandbox with `gitops reconcile --once` (its own process, as users run it), then
// reconciles the unchanged commit again (several times: the median no-op is reported, with its range). Prints a
// markdown table with wall and CPU time, the load average and whether the gitops assemblies are ReadyToRun; exit
// code 1 when a run fails.
var objects = Argument("--objects", 1000);
var noopRuns = Argument("--noop-runs", 5);
// --gitops-env NAME=VALUE (repeatable) sets a variable for the gitops processes only, e.g. DOTNET_TieredPGO=0.
var gitopsEnvironment = args.Select((a, i) => (a, i)).Where(p => p.a == "--gitops-env" && p.i + 1 < args.Length)
    .Select(p => args[p.i + 1].Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
// --gitops-dll PATH runs another build of the tool (e.g. an older commit's) for an A/B under the same load.
var gitopsAt = Array.IndexOf(args, "--gitops-dll");
var gitopsDll = gitopsAt >= 0 && gitopsAt + 1 < args.Length ? Path.GetFullPath(args[gitopsAt + 1]) : Path.Combine(AppContext.BaseDirectory, "gitops.dll");
var loadBefore = LoadAverage();
var rolloutDelay = TimeSpan.FromMilliseconds(100);
var work = Directory.CreateTempSubdirectory("gitops-reconciler-bench-").FullName;
try
{
    var repo = Path.Combine(work, "repo");
    var manifests = Path.Combine(repo, "prod");
    var kinds = BenchManifests.Write(manifests, objects);
    Git(repo, "init", "--quiet", "--initial-branch", "rendered");
    Git(repo, "add", "--all");
    Git(repo, "-c", "user.name=bench", "-c", "user.email=bench@gitops.invalid", "commit", "--quiet", "-m", "rendered");

    // --skip-kubectl: only the gitops runs, for quick iterations on the no-op (the table then has no kubectl row).
    TimedRun? kubectl = null;
    await using (var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = rolloutDelay }))
    {
        var kubeconfig = Path.Combine(work, "kubectl.kubeconfig");
        sandbox.WriteKubeconfig(kubeconfig);
        kubectl = args.Contains("--skip-kubectl") ? null : await TimedProcess.RunAsync("kubectl", ["apply", "--server-side", "-f", manifests, $"--kubeconfig={kubeconfig}", $"--cache-dir={Path.Combine(work, "kubectl-cache")}"]);
        var applied = kubectl is null ? objects : kubectl.Output.Split('\n').Count(l => l.EndsWith("serverside-applied", StringComparison.Ordinal));
        if (kubectl is not null && (kubectl.ExitCode != 0 || applied != objects))
        {
            throw new InvalidOperationException($"kubectl applied {applied} of {objects} (exit {kubectl.ExitCode}): {kubectl.Error[..Math.Min(2000, kubectl.Error.Length)]}");
        }
    }

    await using var target = await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = rolloutDelay });
    var gitopsKubeconfig = Path.Combine(work, "gitops.kubeconfig");
    target.WriteKubeconfig(gitopsKubeconfig);
    string[] reconcile =
    [
        gitopsDll, "reconcile", "--repo", repo, "--branch", "rendered", "--path", "prod",
        "--kubeconfig", gitopsKubeconfig, "--once", "--output", "json", "--cache-dir", Path.Combine(work, "gitops-cache"), "--timeout", "5m",
    ];
    var first = await TimedProcess.RunAsync("dotnet", reconcile, environment: gitopsEnvironment);
    var firstJson = Parse(first, "created", objects);
    var noops = new List<(TimedRun Run, JsonNode Json)>();
    for (var i = 0; i < noopRuns; i++)
    {
        var run = await TimedProcess.RunAsync("dotnet", reconcile, environment: gitopsEnvironment);
        noops.Add((run, Parse(run, "unchanged", objects)));
        if (Environment.GetEnvironmentVariable("GITOPS_TIMINGS") == "1")
        {
            // The child inherits the variable and writes its phase timings to stderr.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"no-op run {i + 1}: {run.Elapsed.TotalMilliseconds:F0} ms wall\n{run.Error}"));
        }
    }

    var (noop, noopJson) = noops.OrderBy(n => After(n.Json)).ElementAt(noops.Count / 2);
    var afterRange = string.Create(CultureInfo.InvariantCulture, $"{noops.Min(n => After(n.Json)):F2}-{noops.Max(n => After(n.Json)):F2} s");
    var wallRange = string.Create(CultureInfo.InvariantCulture, $"{noops.Min(n => n.Run.Elapsed.TotalSeconds):F2}-{noops.Max(n => n.Run.Elapsed.TotalSeconds):F2} s");

    var c = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(c,
        $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, kubectl 1.32, in-process sandbox with a {rolloutDelay.TotalMilliseconds:0} ms rollout delay; {objects} objects ({string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}).\n"));
    Console.WriteLine(string.Create(c, $"Load average (1 min) {loadBefore} before, {LoadAverage()} after; gitops: {gitopsDll}; ReadyToRun: {ReadyToRun.Describe(Path.GetDirectoryName(gitopsDll)!)}; gitops environment: {(gitopsEnvironment.Count == 0 ? "default" : string.Join(", ", gitopsEnvironment.Select(kv => $"{kv.Key}={kv.Value}")))}.\n"));
    Console.WriteLine("| Run | Wall time (process) | CPU time (user+sys) | Inside gitops: fetch / after fetch | Peak memory (RSS) |");
    Console.WriteLine("|---|---:|---:|---:|---:|");
    if (kubectl is not null)
    {
        Console.WriteLine(string.Create(c, $"| `kubectl apply --server-side -f prod/` (create, no health wait) | {kubectl.Elapsed.TotalSeconds:F2} s | {Cpu(kubectl)} | | {Mb(kubectl.PeakRssKilobytes)} |"));
    }

    Console.WriteLine(string.Create(c, $"| `gitops reconcile --once` (create, waits for health) | {first.Elapsed.TotalSeconds:F2} s | {Cpu(first)} | {Split(firstJson)} | {Mb(first.PeakRssKilobytes)} |"));
    Console.WriteLine(string.Create(c, $"| `gitops reconcile --once`, same commit again (no-op, median of {noops.Count}) | {noop.Elapsed.TotalSeconds:F2} s ({wallRange}) | {Cpu(noop)} | {Split(noopJson)} ({afterRange} after) | {Mb(noop.PeakRssKilobytes)} |"));
    Console.WriteLine(string.Create(c, $"\nFull apply: gitops/kubectl = {(kubectl is null ? "n/a" : (first.Elapsed / kubectl.Elapsed).ToString("F2", c))}x (target at most 0.5x). No-op: {noop.Elapsed.TotalSeconds:F2} s end to end (target < 1 s), {After(noopJson):F2} s after the fetch (target < 0.3 s)."));
    return 0;
}
catch (InvalidOperationException error)
{
    Console.Error.WriteLine(error.Message);
    return 1;
}
finally
{
    Directory.Delete(work, recursive: true);
}

static JsonNode Parse(TimedRun run, string action, int objects)
{
    var json = run.ExitCode == 0 ? JsonNode.Parse(run.Output) : null;
    if (json is null || json["summary"]![action]!.GetValue<int>() != objects)
    {
        throw new InvalidOperationException($"gitops reconcile did not report {objects} {action} (exit {run.ExitCode}):\n{run.Output}\n{run.Error}");
    }

    return json;
}

static double After(JsonNode json) => json["durationSeconds"]!.GetValue<double>() - json["fetchSeconds"]!.GetValue<double>();

static string Split(JsonNode json) => string.Create(CultureInfo.InvariantCulture, $"{json["fetchSeconds"]!.GetValue<double>():F2} s / {After(json):F2} s");

static string Cpu(TimedRun run) => run.CpuTime is { } cpu ? string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalSeconds:F2} s") : "n/a";

static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

int Argument(string name, int fallback) =>
    Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;

static string Mb(long? kilobytes) => kilobytes is { } kb ? string.Create(CultureInfo.InvariantCulture, $"{kb / 1024.0:F0} MB") : "n/a";

static void Git(string directory, params string[] arguments)
{
    Directory.CreateDirectory(directory);
    var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
    using var process = Process.Start(start)!;
    var error = process.StandardError.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }
}

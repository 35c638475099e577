using System.Diagnostics;
using System.Globalization;
using GitOps.Reconciler;
using GitOps.Reconciler.Agent;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;

// Usage: dotnet run -c Release --project bench/GitOps.Agent.Bench -- [objects=1000] [commits=200]
var objects = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
var commits = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
var root = Directory.CreateTempSubdirectory("gitops-agent-soak-").FullName;

// Engineers share this machine: the load average says how much of it the run had.
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
var kubeconfig = Path.Combine(root, "kubeconfig");
using var sandbox = Start("dotnet", Path.Combine(AppContext.BaseDirectory, "gitops.dll"), "sandbox", "--kubeconfig", kubeconfig, "--quiet");
while (!File.Exists(kubeconfig))
{
    await Task.Delay(100);
}

var bare = Path.Combine(root, "remote.git");
var work = Path.Combine(root, "work");
Git(root, "init", "-q", "--bare", bare);
Git(root, "init", "-q", "-b", "rendered", work);
Git(work, "config", "user.name", "Soak");
Git(work, "config", "user.email", "soak@example.invalid");
Git(work, "config", "commit.gpgsign", "false");
Git(work, "remote", "add", "origin", bare);
Directory.CreateDirectory(Path.Combine(work, "prod"));
Write(0, Enumerable.Range(0, objects));
var first = Commit("initial");

var cache = Path.Combine(root, "cache");
var options = new AgentOptions
{
    Reconcile = new ReconcileOptions { RepositoryUrl = bare, Path = "prod", CacheDirectory = cache, Timeout = TimeSpan.FromMinutes(5) },
    Interval = TimeSpan.FromHours(1),
    LeaderElection = null,
};
await using var agent = new GitOpsAgent(options, KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig), NullLogger.Instance);
var clock = Stopwatch.StartNew();
await agent.StartAsync();
await agent.WaitForAsync(s => s.LastAppliedCommit == first, TimeSpan.FromMinutes(10));
Console.WriteLine($"initial apply of {objects} objects: {clock.Elapsed.TotalSeconds:0.0} s; working set {Mib(Environment.WorkingSet)}");

var latencies = new List<double>();
for (var i = 1; i <= commits; i++)
{
    // Each commit changes 1% of the objects, like a typical release touching a few apps.
    Write(i, Enumerable.Range(0, Math.Max(1, objects / 100)).Select(k => ((i * 37) + (k * 101)) % objects));
    var sha = Commit($"commit {i}");
    clock.Restart();
    agent.Trigger("soak");
    await agent.WaitForAsync(s => s.LastAppliedCommit == sha, TimeSpan.FromMinutes(5));
    latencies.Add(clock.Elapsed.TotalSeconds);
    if (i % 25 == 0 || i == commits)
    {
        GC.Collect();
        Console.WriteLine($"after {i} commits: median apply {Median(latencies):0.00} s, working set {Mib(Environment.WorkingSet)}, peak {Mib(Process.GetCurrentProcess().PeakWorkingSet64)}");
        Console.WriteLine($"    {MemoryProbe.Describe(cache)}");
    }
}

Console.WriteLine($"    {MemoryProbe.Describe(cache)}");
Console.WriteLine($"    {MemoryProbe.TopFiles(12)}");
sandbox.Kill(entireProcessTree: true);
await sandbox.WaitForExitAsync();
Console.WriteLine($"load average at the end {LoadAverage()}");
Directory.Delete(root, recursive: true);
Console.WriteLine($"{objects} objects, {commits} commits: median {Median(latencies):0.00} s, max {latencies.Max():0.00} s per commit; peak RSS {Mib(Process.GetCurrentProcess().PeakWorkingSet64)}");
return 0;

void Write(int generation, IEnumerable<int> indexes)
{
    foreach (var k in indexes)
    {
        File.WriteAllText(Path.Combine(work, "prod", $"cm-{k:D5}.yaml"),
            $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: soak-{k:D5}\n  namespace: default\ndata:\n  generation: \"{generation}\"\n  payload: \"{new string('x', 200)}\"\n");
    }
}

string Commit(string message)
{
    Git(work, "add", "-A");
    Git(work, "commit", "-q", "-m", message);
    Git(work, "push", "-q", "origin", "rendered");
    return Git(work, "rev-parse", "HEAD").Trim();
}

static string Git(string directory, params string[] arguments)
{
    using var process = Start("git", ["-C", directory, .. arguments]);
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed");
}

static Process Start(string file, params string[] arguments)
{
    var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = false };
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    return Process.Start(start)!;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static string Mib(long bytes) => MemoryProbe.Mib(bytes);

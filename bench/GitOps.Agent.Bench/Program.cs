using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

// Usage: dotnet run -c Release --project bench/GitOps.Agent.Bench -- [objects=1000] [commits=200]
//   [--agent-dir DIR]   run an already published agent (else the Cli is published like the Dockerfile does, into a temp dir)
//   [--jit]             publish without ReadyToRun (the image before it was ReadyToRun)
//   [--env NAME=VALUE]  repeatable: a variable on top of the image's (an empty value removes one), to try a runtime setting
//   [--no-image-env]    start the agent without the Dockerfile's ENV lines
//   [--idle SECONDS]    after the commits, leave the agent idle (it still looks for sync requests every 2 s) and report its RSS
//   [--diagnose DIR]    at the end, a GC heap dump (dotnet-gcdump) and the runtime's counters (dotnet-counters), both
//                       on PATH (`dotnet tool install --tool-path DIR dotnet-gcdump dotnet-counters`), written to DIR
//
// The agent is `gitops agent` as it ships: its own process, `dotnet gitops.dll agent` of the published build with
// its runtimeconfig and the environment the image's Dockerfile sets. The sandbox is another `gitops sandbox`
// process. Each of the M commits changes 1% of the N ConfigMaps, is pushed, announced through the signed webhook
// and awaited on /status. The agent's VmRSS/VmHWM is sampled from /proc every 50 ms.
string[] valued = ["--agent-dir", "--env", "--diagnose", "--idle"];
var positional = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).ToList();
var objects = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1000;
var commits = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 200;
var readyToRun = !args.Contains("--jit");
var root = Directory.CreateTempSubdirectory("gitops-agent-soak-").FullName;
var repositoryRoot = ShippedAgent.RepositoryRoot();

// Engineers share this machine: the load average says how much of it the run had.
var loadAtStart = LoadAverage();
Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {loadAtStart}");
var agentDirectory = Option("--agent-dir") is { } given ? Path.GetFullPath(given) : Path.Combine(root, "agent");
if (Option("--agent-dir") is null)
{
    ShippedAgent.Publish(repositoryRoot, agentDirectory, readyToRun);
}

var gitopsDll = Path.Combine(agentDirectory, "gitops.dll");
var environment = args.Contains("--no-image-env") ? [] : ShippedAgent.ImageEnvironment(repositoryRoot);
foreach (var (name, value) in Options("--env").Select(e => e.Split('=', 2)).Select(kv => (kv[0], kv[1])))
{
    if (value.Length == 0)
    {
        environment.Remove(name);
    }
    else
    {
        environment[name] = value;
    }
}

Console.WriteLine($"agent: {gitopsDll}, ReadyToRun {ShippedAgent.DescribeReadyToRun(agentDirectory)}");
Console.WriteLine($"agent environment: {(environment.Count == 0 ? "(none)" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}")))}");
Console.WriteLine($"agent runtimeconfig: {string.Join(' ', File.ReadAllLines(Path.Combine(agentDirectory, "gitops.runtimeconfig.json")).Select(l => l.Trim()))}");

var kubeconfig = Path.Combine(root, "kubeconfig");
using var sandbox = Start("dotnet", gitopsDll, "sandbox", "--kubeconfig", kubeconfig, "--quiet");
var work = Path.Combine(root, "work");
try
{
    while (!File.Exists(kubeconfig))
    {
        await Task.Delay(100);
    }

    var bare = Path.Combine(root, "remote.git");
    Git(root, "init", "-q", "--bare", bare);
    Git(root, "init", "-q", "-b", "rendered", work);
    Git(work, "config", "user.name", "Soak");
    Git(work, "config", "user.email", "soak@example.invalid");
    Git(work, "config", "commit.gpgsign", "false");
    Git(work, "remote", "add", "origin", bare);
    Directory.CreateDirectory(Path.Combine(work, "prod"));
    Write(0, Enumerable.Range(0, objects));
    var first = Commit("initial");

    var secretFile = Path.Combine(root, "webhook-secret");
    File.WriteAllText(secretFile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));
    // An interval of an hour: every commit is applied because of its webhook, none by a poll in between.
    string[] agentArguments =
    [
        "agent", "--repo", bare, "--branch", "rendered", "--path", "prod", "--kubeconfig", kubeconfig, "--listen", "127.0.0.1:0",
        "--webhook-secret-file", secretFile, "--cache-dir", Path.Combine(root, "cache"), "--interval", "1h", "--timeout", "5m",
        "--cluster-name", "soak", "--identity", "soak-0",
    ];
    var clock = Stopwatch.StartNew();
    await using var agent = await AgentProcess.StartAsync(gitopsDll, agentArguments, environment, secretFile);
    using var sampling = new CancellationTokenSource();
    long sampledPeak = 0;
    var atPeak = "";
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            var rss = ProcessMemory.Read(agent.Id).Rss;
            if (rss > sampledPeak + (1 << 20))
            {
                // What the peak is made of: read again at each new high (a megabyte above the last one).
                atPeak = ProcessMemory.Breakdown(agent.Id, 6);
            }

            sampledPeak = Math.Max(sampledPeak, rss);
            await Task.Delay(50);
        }
    });
    var poll = TimeSpan.FromMilliseconds(25);
    await agent.WaitForAppliedAsync(first, TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(200));
    Console.WriteLine($"initial apply of {objects} objects: {clock.Elapsed.TotalSeconds:0.0} s (start included); {Memory(agent.Id)}");
    Console.WriteLine($"    {ProcessMemory.Breakdown(agent.Id, 8)}");

    var latencies = new List<double>();
    var rssAt = new SortedDictionary<int, long>();
    for (var i = 1; i <= commits; i++)
    {
        // Each commit changes 1% of the objects, like a typical release touching a few apps.
        Write(i, Enumerable.Range(0, Math.Max(1, objects / 100)).Select(k => ((i * 37) + (k * 101)) % objects));
        var sha = Commit($"commit {i}");
        clock.Restart();
        await agent.TriggerAsync("rendered");
    if (i == commits && Option("--diagnose") is { } during)
    {
        // The last commit: a heap dump while the run is under way, to see what a run holds.
        Directory.CreateDirectory(during);
        Tool(during, "dotnet-gcdump", "collect", "-p", $"{agent.Id}", "-o", Path.Combine(during, $"during-{objects}.gcdump"));
        Tool(during, "dotnet-gcdump", "report", Path.Combine(during, $"during-{objects}.gcdump"));
    }

        await agent.WaitForAppliedAsync(sha, TimeSpan.FromMinutes(5), poll);
        latencies.Add(clock.Elapsed.TotalSeconds);
        if (i % 25 == 0 || i == commits)
        {
            // The agent gives a run's memory back after it has published the commit as applied: the resident size
            // between commits is read once it is idle again.
            await Task.Delay(TimeSpan.FromSeconds(1));
            rssAt[i] = ProcessMemory.Read(agent.Id).Rss;
            Console.WriteLine($"after {i} commits: median {Median(latencies):0.00} s, {Memory(agent.Id)}");
        }
    }

    Console.WriteLine($"    {ProcessMemory.Breakdown(agent.Id, 12)}");
    if (Option("--idle") is { } idle)
    {
        for (var waited = 0; waited < int.Parse(idle, CultureInfo.InvariantCulture); waited += 30)
        {
            await Task.Delay(TimeSpan.FromSeconds(30));
            Console.WriteLine($"idle {waited + 30} s: {Memory(agent.Id)}");
        }

        Console.WriteLine($"    {ProcessMemory.Breakdown(agent.Id, 12)}");
    }

    if (Option("--diagnose") is { } diagnostics)
    {
        Directory.CreateDirectory(diagnostics);
        // Counters first: the dump forces a full collection.
        Tool(diagnostics, "dotnet-counters", "collect", "-p", $"{agent.Id}", "--counters", "System.Runtime", "--duration", "00:00:00:06", "--refresh-interval", "2", "--format", "csv", "-o", Path.Combine(diagnostics, $"counters-{objects}.csv"));
        Tool(diagnostics, "dotnet-gcdump", "collect", "-p", $"{agent.Id}", "-o", Path.Combine(diagnostics, $"agent-{objects}.gcdump"));
        Tool(diagnostics, "dotnet-gcdump", "report", Path.Combine(diagnostics, $"agent-{objects}.gcdump"));
        Console.WriteLine($"    after the dump: {Memory(agent.Id)}; {ProcessMemory.Breakdown(agent.Id, 40)}");
    }

    sampling.Cancel();
    await sampler;
    Console.WriteLine($"    at the sampled peak: {atPeak}");
    var (_, peak) = ProcessMemory.Read(agent.Id);
    await agent.DisposeAsync();
    sandbox.Kill(entireProcessTree: true);
    await sandbox.WaitForExitAsync();
    var loadAtEnd = LoadAverage();
    Directory.Delete(root, recursive: true);
    Console.WriteLine($"{objects} objects, {commits} commits: median {Median(latencies):0.00} s, max {latencies.Max():0.00} s per commit (webhook to /status); "
        + $"peak RSS {Mib(peak)} (VmHWM; sampled {Mib(sampledPeak)}); RSS after {string.Join(" / ", rssAt.Keys.Where(k => k is 25 or 100 or 200 || k == commits))} commits "
        + $"{string.Join(" / ", rssAt.Where(kv => kv.Key is 25 or 100 or 200 || kv.Key == commits).Select(kv => Mib(kv.Value)))}; load average {loadAtStart} -> {loadAtEnd}");
}
finally
{
    // Also when a run fails: no sandbox is left behind.
    if (!sandbox.HasExited)
    {
        sandbox.Kill(entireProcessTree: true);
    }
}

return 0;

static string Memory(int pid)
{
    var (rss, hwm) = ProcessMemory.Read(pid);
    return $"RSS {Mib(rss)}, peak {Mib(hwm)}";
}

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

string? Option(string name) => Options(name).LastOrDefault();

IEnumerable<string> Options(string name) => args.Select((a, i) => (a, i)).Where(p => p.a == name && p.i + 1 < args.Length).Select(p => args[p.i + 1]);

static void Tool(string directory, string file, params string[] arguments)
{
    using var process = Start(file, arguments);
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    File.AppendAllText(Path.Combine(directory, $"{file}.txt"), output);
    Console.WriteLine(string.Join('\n', output.Split('\n').Take(40).Select(l => "    " + l)));
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

static string Mib(long bytes) => ProcessMemory.Mib(bytes);

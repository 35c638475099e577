using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using GitOps.Sandbox;
using GitOps.Sandbox.Bench;
using k8s;

// Starts a sandbox in this process, applies N mixed objects with `kubectl apply --server-side -f DIR` (cold, then
// again with changed content), then measures in-process server-side applies per second through KubernetesClient.
// Prints a markdown table; exit code 1 when kubectl fails or the in-process rate misses its 2,000/s target.
var objects = Argument("--objects", 1000);
var rounds = Argument("--rounds", 5);
var workers = Argument("--workers", Environment.ProcessorCount * 2);
var loadBefore = LoadAverage();
var work = Directory.CreateTempSubdirectory("gitops-sandbox-bench-").FullName;
try
{
    await using var server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 });
    var kubeconfig = Path.Combine(work, "kubeconfig");
    server.WriteKubeconfig(kubeconfig);
    var manifests = Path.Combine(work, "manifests");
    var kinds = SyntheticObjects.Write(manifests, objects);

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var create = await KubectlApply.RunAsync(kubeconfig, "apply", "--server-side", "-f", manifests);
    var createCpu = CpuSince(ref cpu);
    Check(create, objects);
    Console.Error.WriteLine($"kubectl create: {create.Elapsed}");
    foreach (var file in Directory.GetFiles(manifests, "*-app.yaml"))
    {
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("revision: \"0\"", "revision: \"1\"", StringComparison.Ordinal));
    }

    cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var update = await KubectlApply.RunAsync(kubeconfig, "apply", "--server-side", "-f", manifests);
    var updateCpu = CpuSince(ref cpu);
    Check(update, objects);
    Console.Error.WriteLine($"kubectl update: {update.Elapsed}");
    var sandboxPeak = Process.GetCurrentProcess().PeakWorkingSet64;

    using var client = new Kubernetes(server.ClientConfiguration());
    await InProcessApply.MeasureAsync(client, objects: Math.Min(objects, 200), rounds: 1, firstRevision: 100, workers);
    cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var sequential = await InProcessApply.MeasureAsync(client, objects, rounds: 1, firstRevision: 200, workers: 1);
    var sequentialCpu = CpuSince(ref cpu);
    var parallel = await InProcessApply.MeasureAsync(client, objects, rounds, firstRevision: 300, workers);
    var parallelCpu = CpuSince(ref cpu);
    var parallelRate = parallel.Applies / parallel.Elapsed.TotalSeconds;

    var c = CultureInfo.InvariantCulture;
    Console.WriteLine(string.Create(c,
        $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, kubectl 1.32; {objects} objects ({string.Join(", ", kinds.Select(k => $"{k.Value} {k.Key}"))}); load average {loadBefore} before, {LoadAverage()} after.\n"));
    Console.WriteLine("| Measurement | Objects | Time | Rate | CPU in this process | Peak memory |");
    Console.WriteLine("|---|---:|---:|---:|---:|---:|");
    Console.WriteLine(Row("`kubectl apply --server-side -f DIR`, create (cold kubectl: discovery + OpenAPI)", objects, create.Elapsed, "objects/s", createCpu, $"sandbox {Mb(sandboxPeak)}, kubectl {Kb(create.PeakRssKilobytes)}"));
    Console.WriteLine(Row("`kubectl apply --server-side -f DIR`, every object changed", objects, update.Elapsed, "objects/s", updateCpu, $"kubectl {Kb(update.PeakRssKilobytes)}"));
    Console.WriteLine(Row("KubernetesClient server-side apply, in-process, 1 caller", sequential.Applies, sequential.Elapsed, "applies/s", sequentialCpu, ""));
    Console.WriteLine(Row($"KubernetesClient server-side apply, in-process, {workers} callers", parallel.Applies, parallel.Elapsed, "applies/s", parallelCpu, $"process {Mb(Process.GetCurrentProcess().PeakWorkingSet64)}"));
    return parallelRate >= 2000 ? 0 : 1;
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

static string Row(string what, int count, TimeSpan elapsed, string unit, TimeSpan cpu, string memory) =>
    string.Create(CultureInfo.InvariantCulture,
        $"| {what} | {count:N0} | {elapsed.TotalSeconds:F2} s | {count / elapsed.TotalSeconds:N0} {unit} | {cpu.TotalSeconds:F2} s ({cpu.TotalMilliseconds * 1000 / count:N0} µs each) | {memory} |");

// CPU this process (the sandbox, plus the client in the in-process rows) used since the last reading.
static TimeSpan CpuSince(ref TimeSpan before)
{
    var now = Process.GetCurrentProcess().TotalProcessorTime;
    var used = now - before;
    before = now;
    return used;
}

// The machine is shared: the 1-minute load average says how much the numbers were disturbed.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):F0} MB");

static string Kb(long? kilobytes) => kilobytes is { } value ? string.Create(CultureInfo.InvariantCulture, $"{value / 1024.0:F0} MB") : "n/a";

static void Check(KubectlRun run, int objects)
{
    var applied = run.Output.Split('\n').Count(line => line.EndsWith("serverside-applied", StringComparison.Ordinal));
    if (run.ExitCode != 0 || applied != objects)
    {
        throw new InvalidOperationException($"kubectl applied {applied} of {objects} objects (exit {run.ExitCode}):\n{run.Error}");
    }
}

int Argument(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

using System.Globalization;
using System.Runtime.InteropServices;
using GitOps.Bench;

// Generates the synthetic system at each size, then times `kubectl kustomize` on the three overlays and
// `gitops render --out` cold (empty script cache) and warm, reporting medians of --repeat runs as a markdown table.
try
{
    var options = BenchOptions.Parse(args);
    var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "gitops-bench-" + Guid.NewGuid().ToString("N")[..8]);
    Directory.CreateDirectory(work);
    Console.Error.WriteLine($"work folder: {work}");
    var loadBefore = LoadAverage();
    try
    {
        var gitops = options.Gitops ?? GitopsTool.BuildFromCheckout(work);
        var renderAvailable = GitopsTool.SupportsRenderOut(gitops, out var whyNot);
        if (!renderAvailable)
        {
            Console.Error.WriteLine($"gitops render --out is not available ({whyNot}); measuring kustomize only.");
        }

        var results = options.Sizes
            .Select(size => BenchRun.Measure(Path.Combine(work, size.ToString(CultureInfo.InvariantCulture)), size, options.Repeat, renderAvailable ? gitops : null, options.Timeout))
            .ToList();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; medians of up to {options.Repeat} runs (runs over 20 s once); load average {loadBefore} before, {LoadAverage()} after.\n"));
        Console.Write(BenchResult.MarkdownTable(results));
        return renderAvailable ? 0 : 2;
    }
    finally
    {
        if (!options.Keep)
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException)
{
    Console.Error.WriteLine($"bench: {e.Message}");
    return 1;
}

// Other work on a shared machine skews every number; the load average printed with the table says how much.
static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

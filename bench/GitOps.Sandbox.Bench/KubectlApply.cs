using System.Diagnostics;
using System.Globalization;

namespace GitOps.Sandbox.Bench;

/// <summary>One timed kubectl run: wall-clock time, kubectl's own peak RSS (when GNU time is there) and its output.</summary>
internal sealed record KubectlRun(TimeSpan Elapsed, long? PeakRssKilobytes, int ExitCode, string Output, string Error);

/// <summary>Runs kubectl against the sandbox, under <c>/usr/bin/time</c> when present to read its peak memory.</summary>
internal static class KubectlApply
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<KubectlRun> RunAsync(string kubeconfig, params string[] arguments)
    {
        var measureMemory = File.Exists(GnuTime);
        var rssFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(measureMemory ? GnuTime : "kubectl")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (measureMemory)
            {
                foreach (var argument in new[] { "-f", "%M", "-o", rssFile, "kubectl" })
                {
                    start.ArgumentList.Add(argument);
                }
            }

            foreach (var argument in arguments.Append($"--kubeconfig={kubeconfig}").Append($"--cache-dir={Path.Combine(Path.GetDirectoryName(kubeconfig)!, "cache")}"))
            {
                start.ArgumentList.Add(argument);
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start kubectl.");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            stopwatch.Stop();
            long? rss = measureMemory && long.TryParse((await File.ReadAllTextAsync(rssFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kilobytes)
                ? kilobytes
                : null;
            return new KubectlRun(stopwatch.Elapsed, rss, process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }
}

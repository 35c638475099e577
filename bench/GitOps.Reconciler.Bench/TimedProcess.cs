using System.Diagnostics;
using System.Globalization;

namespace GitOps.Reconciler.Bench;

/// <summary>One timed child process: wall-clock time, its peak RSS (through GNU time) and its output.</summary>
internal sealed record TimedRun(TimeSpan Elapsed, long? PeakRssKilobytes, int ExitCode, string Output, string Error);

internal static class TimedProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<TimedRun> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var measureMemory = File.Exists(GnuTime);
        var rssFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(measureMemory ? GnuTime : fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            var all = measureMemory ? new[] { "-f", "%M", "-o", rssFile, fileName }.Concat(arguments) : arguments;
            foreach (var argument in all)
            {
                start.ArgumentList.Add(argument);
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            stopwatch.Stop();
            long? rss = measureMemory && long.TryParse((await File.ReadAllTextAsync(rssFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var kb) ? kb : null;
            return new TimedRun(stopwatch.Elapsed, rss, process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }
}

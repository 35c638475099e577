using System.Diagnostics;
using System.Globalization;

namespace GitOps.Bench;

/// <summary>
/// One timed run of a child process: wall-clock time, CPU time (user + system; less skewed than wall time when other
/// work shares the machine) and the child's peak resident memory. Negative CPU or memory: not measured.
/// </summary>
internal sealed record Measurement(TimeSpan Elapsed, TimeSpan CpuTime, long PeakRssKilobytes, string StandardOutput, bool TimedOut = false);

/// <summary>
/// Runs a command under <c>/usr/bin/time</c> (GNU time reads the child's peak RSS and CPU times from <c>wait4</c>) and times it
/// with a stopwatch; the stopwatch, not GNU time's 10 ms resolution, gives the elapsed time.
/// </summary>
internal static class MeasuredProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static bool CanMeasureMemory => File.Exists(GnuTime);

    public static Measurement Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, string command, params string[] arguments) =>
        Run(workingDirectory, environment, Timeout.InfiniteTimeSpan, command, arguments);

    /// <summary>Runs the command; past <paramref name="timeout"/> it is killed and the measurement marked as timed out.</summary>
    public static Measurement Run(
        string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string command, params string[] arguments)
    {
        var rssFile = Path.GetTempFileName(); // GNU time's report: peak RSS and CPU times
        try
        {
            var start = new ProcessStartInfo(CanMeasureMemory ? GnuTime : command)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (CanMeasureMemory)
            {
                foreach (var argument in new[] { "-f", "%M %U %S", "-o", rssFile, command })
                {
                    start.ArgumentList.Add(argument);
                }
            }

            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var stopwatch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return new Measurement(stopwatch.Elapsed, TimeSpan.FromSeconds(-1), -1, "", TimedOut: true);
            }

            process.WaitForExit();
            stopwatch.Stop();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"{command} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{errors.Result}\n{Truncate(output.Result)}");
            }

            var (cpu, rss) = ReadUsage(rssFile);
            return new Measurement(stopwatch.Elapsed, cpu, rss, output.Result);
        }
        finally
        {
            File.Delete(rssFile);
        }
    }

    // GNU time writes "<max RSS KB> <user s> <system s>" as the last line (earlier lines carry the exit status, if any).
    private static (TimeSpan Cpu, long RssKilobytes) ReadUsage(string usageFile)
    {
        var lines = File.Exists(usageFile) ? File.ReadAllLines(usageFile) : [];
        var fields = lines.Length > 0 ? lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (fields.Length != 3
            || !long.TryParse(fields[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var rss)
            || !double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var user)
            || !double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var system))
        {
            return (TimeSpan.FromSeconds(-1), -1);
        }

        return (TimeSpan.FromSeconds(user + system), rss);
    }

    private static string Truncate(string text) => text.Length > 2000 ? text[..2000] + "..." : text;
}

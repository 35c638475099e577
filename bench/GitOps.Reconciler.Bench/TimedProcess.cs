using System.Diagnostics;
using System.Globalization;

namespace GitOps.Reconciler.Bench;

/// <summary>One timed child process: wall-clock time, CPU time (user + sys) and peak RSS (through GNU time), and its output.</summary>
internal sealed record TimedRun(TimeSpan Elapsed, TimeSpan? CpuTime, long? PeakRssKilobytes, int ExitCode, string Output, string Error);

internal static class TimedProcess
{
    private const string GnuTime = "/usr/bin/time";

    public static async Task<TimedRun> RunAsync(string fileName, IEnumerable<string> arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var measure = File.Exists(GnuTime);
        var usageFile = Path.GetTempFileName();
        try
        {
            var start = new ProcessStartInfo(measure ? GnuTime : fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            };
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            var all = measure ? new[] { "-f", "%M %U %S", "-o", usageFile, fileName }.Concat(arguments) : arguments;
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
            var (rss, cpu) = measure ? Usage(await File.ReadAllTextAsync(usageFile)) : (null, null);
            return new TimedRun(stopwatch.Elapsed, cpu, rss, process.ExitCode, await output, await error);
        }
        finally
        {
            File.Delete(usageFile);
        }
    }

    // GNU time writes "<max RSS kB> <user s> <sys s>" as its last line (earlier lines may report a non-zero exit).
    private static (long? Rss, TimeSpan? Cpu) Usage(string text)
    {
        var fields = text.Trim().Split('\n')[^1].Split(' ');
        var c = CultureInfo.InvariantCulture;
        return fields.Length == 3
            && long.TryParse(fields[0], NumberStyles.Integer, c, out var kb)
            && double.TryParse(fields[1], NumberStyles.Float, c, out var user)
            && double.TryParse(fields[2], NumberStyles.Float, c, out var sys)
            ? (kb, TimeSpan.FromSeconds(user + sys))
            : (null, null);
    }
}

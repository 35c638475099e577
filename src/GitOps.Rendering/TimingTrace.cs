using System.Diagnostics;
using System.Globalization;

namespace GitOps.Rendering;

/// <summary>
/// Phase timings of one run on stderr when <c>GITOPS_TIMINGS</c> is set (to anything but empty or 0), to see
/// where start-up and render time go without a profiler. Off, a phase costs one boolean check.
/// </summary>
public static class TimingTrace
{
    /// <summary>The environment variable that turns the trace on.</summary>
    public const string Variable = "GITOPS_TIMINGS"; // the same switch as the reconciler's PhaseTimer: one for the whole tool

    private static readonly Lock Gate = new();

    /// <summary>True when <see cref="Variable"/> is set.</summary>
    public static bool Enabled { get; } = System.Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value && value != "0";

    /// <summary>Starts a phase; disposing it prints its duration and when it ended, counted from process start.</summary>
    public static Phase Measure(string name) => new(name, Enabled ? Stopwatch.GetTimestamp() : 0);

    /// <summary>Prints one line, with the time since process start, when the trace is on.</summary>
    public static void Mark(string what)
    {
        if (Enabled)
        {
            Write($"{what} at {SinceProcessStart():0} ms");
        }
    }

    /// <summary>Prints, when the trace is on, the simple names of every assembly loaded so far, sorted.</summary>
    public static void LoadedAssemblies()
    {
        if (Enabled)
        {
            var names = AppDomain.CurrentDomain.GetAssemblies().Select(assembly => assembly.GetName().Name).Order(StringComparer.Ordinal);
            Write($"loaded assemblies: {string.Join(", ", names)}");
        }
    }

    private static double SinceProcessStart()
    {
        using var process = Process.GetCurrentProcess();
        return (DateTime.Now - process.StartTime).TotalMilliseconds;
    }

    private static void Write(string line)
    {
        lock (Gate)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[timing] {line}"));
        }
    }

    /// <summary>One timed phase (see <see cref="Measure"/>).</summary>
    public readonly struct Phase(string name, long started) : IDisposable
    {
        /// <summary>Prints the phase's duration when the trace is on.</summary>
        public void Dispose()
        {
            if (started != 0)
            {
                Write(string.Create(CultureInfo.InvariantCulture, $"{name}: {Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0} ms (ends at {SinceProcessStart():0} ms)"));
            }
        }
    }
}

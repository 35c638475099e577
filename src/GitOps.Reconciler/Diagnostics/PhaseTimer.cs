using System.Diagnostics;
using System.Globalization;

namespace GitOps.Reconciler.Diagnostics;

/// <summary>
/// Where a run's time goes, for profiling cold starts: with <c>GITOPS_TIMINGS=1</c> each phase writes one line to
/// stderr with the time since the process started, the CPU time used so far, and the memory held at that point (the
/// GC heap's live size and the process's resident size, for finding which phase a peak belongs to). Off by default; a
/// no-op then.
/// </summary>
public static class PhaseTimer
{
    /// <summary>The environment variable that turns the timing lines on.</summary>
    public const string Variable = "GITOPS_TIMINGS";

    private static readonly bool Enabled = Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>Writes "timing: PHASE at X ms (cpu Y ms, ...)" to stderr when timings are on.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - process.StartTime;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"timing: {phase} at {sinceStart.TotalMilliseconds:F0} ms (cpu {process.TotalProcessorTime.TotalMilliseconds:F0} ms, thread {Environment.CurrentManagedThreadId}) {Memory(process)}"));
    }

    /// <summary>
    /// "[heap A, committed B, rss C MiB; last gc #N genG: gen0/1/2/loh/poh D/E/F/G/H MiB after, fragmented I MiB;
    /// allocated J MiB]": the heap as allocated so far (garbage included), what the GC holds from the system, the
    /// process's resident size, each generation's size after the last collection, and all bytes allocated since start.
    /// </summary>
    private static string Memory(Process process)
    {
        var gc = GC.GetGCMemoryInfo();
        var generations = string.Join('/', gc.GenerationInfo.ToArray().Select(g => Mib(g.SizeAfterBytes)));
        return string.Create(CultureInfo.InvariantCulture,
            $"[heap {Mib(GC.GetTotalMemory(forceFullCollection: false))}, committed {Mib(gc.TotalCommittedBytes)}, rss {Mib(process.WorkingSet64)} MiB; "
            + $"last gc #{gc.Index} gen{gc.Generation}: gen0/1/2/loh/poh {generations} MiB after, fragmented {Mib(gc.FragmentedBytes)} MiB; "
            + $"allocated {Mib(GC.GetTotalAllocatedBytes())} MiB]");
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture);
}

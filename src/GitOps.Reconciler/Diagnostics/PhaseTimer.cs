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
            $"timing: {phase} at {sinceStart.TotalMilliseconds:F0} ms (cpu {process.TotalProcessorTime.TotalMilliseconds:F0} ms, thread {Environment.CurrentManagedThreadId}, "
            + $"heap {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F1} MiB (committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MiB, {GC.CollectionCount(0)}/{GC.CollectionCount(2)} collections), rss {process.WorkingSet64 / 1048576.0:F1} MiB) {Generations()}"));
    }

    private static string Generations()
    {
        var info = GC.GetGCMemoryInfo();
        return string.Create(CultureInfo.InvariantCulture, $"[last gc #{info.Index} gen{info.Generation}: heap {info.HeapSizeBytes / 1048576.0:F1}, frag {info.FragmentedBytes / 1048576.0:F1}, gens {string.Join('/', info.GenerationInfo.ToArray().Select(g => (g.SizeAfterBytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture)))}, allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0}]");
    }
}

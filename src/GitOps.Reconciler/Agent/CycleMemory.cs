namespace GitOps.Reconciler.Agent;

/// <summary>
/// Gives the memory of a cycle back once the cycle is over. A reconcile of thousands of objects keeps its desired
/// and live objects for the whole run, long enough for the GC to promote them to generation 2, where they then lie
/// dead until a full collection that an otherwise idle agent may not need for many cycles: the heap, and the process,
/// stay at the size of the largest run plus everything promoted since. A long-running agent has idle time between
/// cycles, so after a cycle that did real work it runs one blocking, compacting collection in the GC's aggressive
/// mode, which also decommits the freed memory; it runs after the cycle has reported its result, and the next run
/// starts from the live floor (about 20 MiB of live heap at 5,000 objects).
/// "Real work" is either of: the committed heap grew by <see cref="CommittedThreshold"/> since the last collection
/// made here, or the cycle allocated <see cref="AllocatedThreshold"/>. The second is what a commit run looks like
/// when the gen0 budget is capped (as the image does): the heap then hardly grows within a run, while the garbage
/// it promoted piles up in generation 2 and the large object heap over the following runs (at 5,000 objects, the
/// large object heap went from 20 to 44 MiB over 100 commits, nearly all of it dead). A poll that finds nothing new
/// allocates far less than that and costs no collection.
/// </summary>
internal sealed class CycleMemory
{
    /// <summary>Committed GC memory a cycle must add before a collection is worth its pause.</summary>
    public const long CommittedThreshold = 8L * 1024 * 1024;

    /// <summary>Bytes allocated since the last collection made here that make one worth its pause.</summary>
    public const long AllocatedThreshold = 64L * 1024 * 1024;

    private long floor;
    private long allocatedAtLastRelease = GC.GetTotalAllocatedBytes();

    /// <summary>Collections made so far.</summary>
    public int Releases { get; private set; }

    /// <summary>Committed GC memory after the last collection made here (0 before the first), in bytes.</summary>
    public long Floor => floor;

    /// <summary>Collects when the cycle did real work (see the class remarks); true if it did.</summary>
    public bool ReleaseIfGrown()
    {
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        var allocated = GC.GetTotalAllocatedBytes();
        if (!ShouldRelease(committed, floor, allocated - allocatedAtLastRelease))
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        floor = GC.GetGCMemoryInfo().TotalCommittedBytes;
        allocatedAtLastRelease = GC.GetTotalAllocatedBytes();
        Releases++;
        return true;
    }

    internal static bool ShouldRelease(long committed, long floor, long allocatedSince) =>
        committed - floor >= CommittedThreshold || allocatedSince >= AllocatedThreshold;
}

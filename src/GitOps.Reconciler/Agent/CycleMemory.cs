namespace GitOps.Reconciler.Agent;

/// <summary>
/// Gives the memory of a cycle back once the cycle is over. A reconcile of thousands of objects keeps its desired
/// and live objects for the whole run, long enough for the GC to promote them to generation 2, where they then lie
/// dead until a full collection that an otherwise idle agent may not need for many cycles: the heap, and the process,
/// stay at the size of the largest run plus everything promoted since. A long-running agent has idle time between
/// cycles, so after a cycle that grew the committed heap it runs one blocking, compacting collection in the GC's
/// aggressive mode, which also decommits the freed memory; it runs after the cycle has reported its result, and the
/// next run starts from the live floor (about 20 MiB of live heap at 5,000 objects).
/// </summary>
internal sealed class CycleMemory
{
    /// <summary>Committed GC memory a cycle must add before a collection is worth its pause.</summary>
    public const long Threshold = 8L * 1024 * 1024;

    private long floor;

    /// <summary>Collections made so far.</summary>
    public int Releases { get; private set; }

    /// <summary>Committed GC memory after the last collection made here (0 before the first), in bytes.</summary>
    public long Floor => floor;

    /// <summary>Collects when the committed heap grew by <see cref="Threshold"/> since the last time; true if it did.</summary>
    public bool ReleaseIfGrown()
    {
        var committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        if (!ShouldRelease(committed, floor))
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        floor = GC.GetGCMemoryInfo().TotalCommittedBytes;
        Releases++;
        return true;
    }

    /// <summary>
    /// Desired objects from which a run's parse garbage is worth a collection before the live objects are read: parsing
    /// 5,000 manifests leaves about 13 MB of node trees in generation 2, dead once the desired set is built, which the
    /// run otherwise carried through its peak (5,000 objects over 40 commits: peak 142-143 -> 135-136 MiB).
    /// </summary>
    public const int ParsedObjectsThreshold = 1000;

    /// <summary>Mid-run collections made so far (see <see cref="ReleaseParsed"/>).</summary>
    public int ParsedReleases { get; private set; }

    /// <summary>Collects the parse garbage of a run of at least <see cref="ParsedObjectsThreshold"/> objects; true if it did.</summary>
    public bool ReleaseParsed(int objects)
    {
        if (objects < ParsedObjectsThreshold)
        {
            return false;
        }

        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        ParsedReleases++;
        return true;
    }

    internal static bool ShouldRelease(long committed, long floor) => committed - floor >= Threshold;
}

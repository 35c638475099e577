using GitOps.Reconciler.Agent;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class CycleMemoryTests
{
    [Theory]
    [InlineData(0, 0, false)]
    [InlineData(40, 40, false)]
    [InlineData(47, 40, false)]
    [InlineData(48, 40, true)]
    [InlineData(200, 40, true)]
    public void A_collection_is_made_only_when_a_cycle_grew_the_committed_heap_by_the_threshold(long committedMib, long floorMib, bool expected) =>
        Assert.Equal(expected, CycleMemory.ShouldRelease(committedMib << 20, floorMib << 20));

    [Fact]
    public void The_first_cycle_collects_and_gives_the_garbage_it_left_back_to_the_system()
    {
        var memory = new CycleMemory();
        var gen2Before = GC.CollectionCount(2);
        var committedBefore = LeaveGarbage(64 << 20);

        Assert.True(memory.ReleaseIfGrown());

        Assert.Equal(1, memory.Releases);
        Assert.True(GC.CollectionCount(2) > gen2Before);
        Assert.True(memory.Floor < committedBefore, $"committed after the collection {memory.Floor >> 20} MiB, before {committedBefore >> 20} MiB");
    }

    [Fact]
    public void Parse_garbage_is_collected_mid_run_only_for_a_large_desired_set()
    {
        var memory = new CycleMemory();
        var gen2Before = GC.CollectionCount(2);

        Assert.False(memory.ReleaseParsed(CycleMemory.ParsedObjectsThreshold - 1));
        Assert.Equal(gen2Before, GC.CollectionCount(2));

        Assert.True(memory.ReleaseParsed(CycleMemory.ParsedObjectsThreshold));
        Assert.Equal(1, memory.ParsedReleases);
        Assert.True(GC.CollectionCount(2) > gen2Before);
    }

    /// <summary>Allocates arrays that survive two collections (so they reach generation 2), then drops them.</summary>
    private static long LeaveGarbage(int bytes)
    {
        var kept = new List<byte[]>();
        for (var allocated = 0; allocated < bytes; allocated += 64 << 10)
        {
            var chunk = new byte[64 << 10];
            chunk.AsSpan().Fill(1);
            kept.Add(chunk);
        }

        GC.Collect(1);
        GC.Collect(1);
        GC.KeepAlive(kept);
        return GC.GetGCMemoryInfo().TotalCommittedBytes;
    }
}

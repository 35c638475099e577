using GitOps.Reconciler.Agent;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class CycleMemoryTests
{
    [Theory]
    [InlineData(0, 0, 0, false)]
    [InlineData(40, 40, 10, false)]
    [InlineData(47, 40, 63, false)]
    [InlineData(48, 40, 0, true)]
    [InlineData(200, 40, 0, true)]
    [InlineData(40, 40, 64, true)]
    [InlineData(38, 40, 200, true)]
    public void A_collection_is_made_only_when_a_cycle_grew_the_committed_heap_or_allocated_enough(long committedMib, long floorMib, long allocatedMib, bool expected) =>
        Assert.Equal(expected, CycleMemory.ShouldRelease(committedMib << 20, floorMib << 20, allocatedMib << 20));

    [Fact]
    public void A_cycle_that_allocated_a_run_s_worth_collects_even_when_the_committed_heap_did_not_grow()
    {
        var memory = new CycleMemory();
        memory.ReleaseIfGrown();
        var releases = memory.Releases;

        // Short-lived garbage: gen0 collections keep the committed heap where it was, as in a run under a capped gen0 budget.
        for (long allocated = 0; allocated < CycleMemory.AllocatedThreshold + (1 << 20); allocated += 8 << 10)
        {
            GC.KeepAlive(new byte[8 << 10]);
        }

        Assert.True(memory.ReleaseIfGrown());
        Assert.Equal(releases + 1, memory.Releases);
    }

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

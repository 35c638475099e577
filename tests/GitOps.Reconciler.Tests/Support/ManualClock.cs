namespace GitOps.Reconciler.Tests.Support;

/// <summary>A clock that moves only when told to: lease expiry is tested without waiting for it.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long ticks;
    private DateTimeOffset start = DateTimeOffset.UtcNow;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public override DateTimeOffset GetUtcNow() => start.AddTicks(GetTimestamp());

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}

namespace GitOps.Reconciler.Drift;

/// <summary>
/// Spaces out corrections of an object that keeps drifting back (a controller fighting us): after the n-th correction
/// in a row the next one waits <c>baseDelay * 2^(n-1)</c>, capped; a check that finds the object clean resets it.
/// </summary>
internal sealed class DriftBackoff(TimeSpan baseDelay, TimeSpan maxDelay)
{
    private readonly Dictionary<ObjectRef, (int Streak, DateTimeOffset NextAllowed)> state = [];
    private readonly Lock gate = new();

    /// <summary>When the object may be corrected again, or null when it may be corrected now.</summary>
    public DateTimeOffset? BlockedUntil(ObjectRef reference, DateTimeOffset now)
    {
        lock (gate)
        {
            return state.TryGetValue(reference, out var s) && s.NextAllowed > now ? s.NextAllowed : null;
        }
    }

    public void Corrected(ObjectRef reference, DateTimeOffset now)
    {
        lock (gate)
        {
            var streak = state.TryGetValue(reference, out var s) ? s.Streak + 1 : 1;
            var delay = TimeSpan.FromTicks(Math.Min(maxDelay.Ticks, baseDelay.Ticks * (1L << Math.Min(streak - 1, 30))));
            state[reference] = (streak, now + delay);
        }
    }

    public void Clean(ObjectRef reference)
    {
        lock (gate)
        {
            state.Remove(reference);
        }
    }
}

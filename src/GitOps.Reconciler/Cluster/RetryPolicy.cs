namespace GitOps.Reconciler.Cluster;

/// <summary>How API calls are retried: exponential backoff from <see cref="InitialDelay"/>, capped, honouring Retry-After.</summary>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan RequestTimeout)
{
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } serverAsked && serverAsked > TimeSpan.Zero)
        {
            return serverAsked < MaxDelay ? serverAsked : MaxDelay;
        }

        var exponential = InitialDelay * Math.Pow(2, attempt - 1);
        return exponential < MaxDelay ? exponential : MaxDelay;
    }
}

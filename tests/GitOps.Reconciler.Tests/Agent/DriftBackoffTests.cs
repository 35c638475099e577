using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class DriftBackoffTests
{
    private static readonly ObjectRef Deployment = new("apps", "Deployment", "shop", "front-end");
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_correction_in_a_row_doubles_the_pause_up_to_the_limit_and_a_clean_check_resets_it()
    {
        var backoff = new DriftBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2));
        Assert.Null(backoff.BlockedUntil(Deployment, T0));

        backoff.Corrected(Deployment, T0);
        Assert.Equal(T0.AddSeconds(30), backoff.BlockedUntil(Deployment, T0));
        backoff.Corrected(Deployment, T0.AddSeconds(30));
        Assert.Equal(T0.AddSeconds(90), backoff.BlockedUntil(Deployment, T0.AddSeconds(30)));
        backoff.Corrected(Deployment, T0.AddSeconds(90));
        backoff.Corrected(Deployment, T0.AddSeconds(210));
        Assert.Equal(T0.AddSeconds(330), backoff.BlockedUntil(Deployment, T0.AddSeconds(210)));

        backoff.Clean(Deployment);
        Assert.Null(backoff.BlockedUntil(Deployment, T0.AddSeconds(211)));
    }
}

using System.Diagnostics;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Leadership;

/// <summary>
/// Leader election through a coordination.k8s.io Lease (<see cref="LeaseElector"/>, client-go's algorithm). While
/// leading, <see cref="Token"/> is live; it is cancelled the moment leadership is lost - a renewal that has not
/// succeeded within the renew deadline, or another holder seen on the Lease - so a run in progress stops before a new
/// leader (which must wait out the lease duration) can start. On shutdown the Lease is released, so a standby takes
/// over at once.
/// </summary>
internal sealed class LeaseLeadership(KubeApi api, string ns, string leaseName, LeaderElectionSettings settings, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
    private readonly LeaseElector elector = new(api, ns, leaseName, settings, TimeProvider.System);
    private CancellationTokenSource leading = CancelledSource();

    public string Identity => settings.Identity;

    public bool IsLeader
    {
        get
        {
            lock (gate)
            {
                return !leading.IsCancellationRequested;
            }
        }
    }

    public CancellationToken Token
    {
        get
        {
            lock (gate)
            {
                return leading.Token;
            }
        }
    }

    public event Action? StartedLeading;

    /// <summary>Campaigns, leads until the lease is lost, and campaigns again, until cancelled; then releases the Lease.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (await TryRoundAsync(cancellationToken))
                {
                    OnStarted();
                    await LeadAsync(cancellationToken);
                    if (cancellationToken.IsCancellationRequested)
                    {
                        break; // still holding: stepped down and released below
                    }

                    OnStopped();
                }
                else
                {
                    // Jittered as client-go's acquire loop (factor 1.2), so standbys do not all ask at the same moment.
                    await PauseAsync(settings.RetryPeriod * (1 + (1.2 * Random.Shared.NextDouble())), cancellationToken);
                }
            }
        }
        finally
        {
            var held = IsLeader;
            OnStopped();
            if (held)
            {
                await ReleaseAsync();
            }
        }
    }

    /// <summary>Renews every retry period; returns when a renewal has not succeeded within the renew deadline, or when cancelled.</summary>
    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        var renewed = Stopwatch.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            await PauseAsync(settings.RetryPeriod, cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var left = settings.RenewDeadline - Stopwatch.GetElapsedTime(renewed);
            if (left <= TimeSpan.Zero)
            {
                AgentLog.Leadership(logger, Identity, $"could not renew the lease within {settings.RenewDeadline.TotalSeconds:0.#}s");
                return;
            }

            deadline.CancelAfter(left);
            if (await TryRoundAsync(deadline.Token))
            {
                renewed = Stopwatch.GetTimestamp();
            }
            else if (elector.ObservedHolder is { Length: > 0 } holder && holder != Identity)
            {
                // Someone else holds the Lease now: stop at once rather than at the deadline.
                AgentLog.Leadership(logger, Identity, $"the lease is held by {holder}");
                return;
            }
        }
    }

    /// <summary>One acquire-or-renew round; an API error or the deadline counts as not holding the Lease.</summary>
    private async Task<bool> TryRoundAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await elector.TryAcquireOrRenewAsync(cancellationToken);
        }
        catch (KubeApiException e)
        {
            AgentLog.Leadership(logger, Identity, $"election error: {e.Message}");
            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task ReleaseAsync()
    {
        // Shutdown was requested: bounded, so a gone API server cannot hold the process up.
        using var bounded = new CancellationTokenSource(settings.RenewDeadline);
        try
        {
            await elector.ReleaseAsync(bounded.Token);
            AgentLog.Leadership(logger, Identity, "released the lease");
        }
        catch (Exception e) when (e is KubeApiException or OperationCanceledException)
        {
            // The standby then waits out the lease duration instead.
            AgentLog.Leadership(logger, Identity, $"could not release the lease: {e.Message}");
        }
    }

    private static async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

    private void OnStarted()
    {
        lock (gate)
        {
            leading = new CancellationTokenSource();
        }

        AgentLog.Leadership(logger, Identity, "became leader");
        StartedLeading?.Invoke();
    }

    private void OnStopped()
    {
        CancellationTokenSource previous;
        lock (gate)
        {
            if (leading.IsCancellationRequested)
            {
                return;
            }

            previous = leading;
        }

        previous.Cancel();
        AgentLog.Leadership(logger, Identity, "lost leadership");
    }

    private static CancellationTokenSource CancelledSource()
    {
        var source = new CancellationTokenSource();
        source.Cancel();
        return source;
    }

    public void Dispose()
    {
        lock (gate)
        {
            leading.Dispose();
        }
    }
}

using GitOps.Reconciler.Agent;
using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Leadership;

/// <summary>
/// Leader election through a coordination.k8s.io Lease, with KubernetesClient's elector (the same algorithm as
/// client-go). While leading, <see cref="Token"/> is live; it is cancelled the moment leadership is lost, so a run in
/// progress stops before a new leader (which must wait out the lease) can start.
/// </summary>
internal sealed class LeaseLeadership(IKubernetes client, string ns, string leaseName, LeaderElectionSettings settings, ILogger logger) : IDisposable
{
    private readonly Lock gate = new();
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

    /// <summary>Campaigns, leads until the lease is lost, and campaigns again, until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var config = new LeaderElectionConfig(new LeaseLock(client, ns, leaseName, settings.Identity))
        {
            LeaseDuration = settings.LeaseDuration,
            RenewDeadline = settings.RenewDeadline,
            RetryPeriod = settings.RetryPeriod,
        };
        while (!cancellationToken.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            elector.OnStartedLeading += OnStarted;
            elector.OnStoppedLeading += OnStopped;
            try
            {
                await elector.RunUntilLeadershipLostAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                AgentLog.Leadership(logger, settings.Identity, $"election error: {e.Message}");
                await Task.Delay(settings.RetryPeriod, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            finally
            {
                OnStopped();
            }
        }
    }

    private void OnStarted()
    {
        lock (gate)
        {
            leading = new CancellationTokenSource();
        }

        AgentLog.Leadership(logger, settings.Identity, "became leader");
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
        AgentLog.Leadership(logger, settings.Identity, "lost leadership");
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

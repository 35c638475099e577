using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Health;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Polls objects (one LIST per resource and namespace) until each is healthy or the deadline passes. Objects already healthy in the last known state (the
/// apply response, the LIST or the dry-run preview, see <see cref="LiveState"/>) cost no request, so a no-op run stays cheap.
/// </summary>
internal sealed class HealthWaiter(KubeApi api, int concurrency, TimeSpan pollInterval)
{
    public ConcurrentDictionary<DesiredObject, HealthStatus> Last { get; } = new();

    /// <summary>Waits for every object; returns those still not healthy at the deadline.</summary>
    public async Task<List<DesiredObject>> WaitAsync(
        IEnumerable<DesiredObject> objects, IReadOnlyDictionary<DesiredObject, LiveState> known, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var pending = new List<DesiredObject>();
        foreach (var o in objects)
        {
            if (Last.TryGetValue(o, out var last) && last.State == HealthState.Current)
            {
                continue;
            }

            var status = known.TryGetValue(o, out var live) ? live.Health : HealthStatus.InProgress("not read yet");
            Last[o] = status;
            if (status.State != HealthState.Current)
            {
                pending.Add(o);
            }
        }

        var delay = pollInterval / 2;
        while (pending.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            var remaining = deadline - DateTimeOffset.UtcNow;
            await Task.Delay(delay < remaining ? delay : remaining, cancellationToken);
            delay = delay * 2 < pollInterval * 4 ? delay * 2 : pollInterval * 4;
            var live = await LiveObjects.ReadAsync(api, pending, concurrency, cancellationToken);
            var stillPending = new List<DesiredObject>();
            foreach (var o in pending)
            {
                var status = live.TryGetValue(o, out var current) ? Evaluate(o, current) : HealthStatus.InProgress("not found");
                Last[o] = status;
                if (status.State != HealthState.Current)
                {
                    stillPending.Add(o);
                }
            }

            pending = [.. stillPending];
        }

        return pending.OrderBy(o => o.Ref.ToString(), StringComparer.Ordinal).ToList();
    }

    public HealthState StateOf(DesiredObject o) => Last.TryGetValue(o, out var status) ? status.State : HealthState.Unknown;

    public string? MessageOf(DesiredObject o) =>
        Last.TryGetValue(o, out var status) && status.State != HealthState.Current ? status.Message : null;

    private static HealthStatus Evaluate(DesiredObject o, JsonObject live) => HealthEvaluator.Evaluate(o.Ref.Group, o.Ref.Kind, live);
}

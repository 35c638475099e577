using System.Collections.Concurrent;
using System.Globalization;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

internal sealed partial class ReconcileRun
{
    /// <summary>Each object's last known state: what health and the verified record read.</summary>
    private readonly ConcurrentDictionary<DesiredObject, LiveState> known = new();
    private readonly ConcurrentDictionary<DesiredObject, bool> applied = new();

    /// <summary>Applies batch after batch; returns a failed result when a stage does not become healthy in time.</summary>
    private async Task<ReconcileResult?> ApplyBatchesAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        for (var i = 0; i < plan.Batches.Count; i++)
        {
            var batch = plan.Batches[i];
            foreach (var o in batch.Objects.Where(o => !changes[o].NeedsApply))
            {
                known[o] = changes[o].Live;
            }

            var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(batch.Objects.Where(o => changes[o].NeedsApply), parallel, async (o, ct) =>
            {
                known[o] = LiveState.Of(await api.ApplyAsync(o.Path, o.Json, dryRun: false, ct), o);
                applied[o] = true;
                Checkpoint($"applied {o.Ref}");
            });

            if (batch.WaitForHealth && await health.WaitAsync(batch.Objects, known, deadline, cancellationToken) is { Count: > 0 } notReady)
            {
                var stage = string.Create(CultureInfo.InvariantCulture, $"wave {batch.Wave} ({batch.Category})");
                return HealthFailure(notReady, $"{stage} did not become healthy within {Format(options.Timeout)}; later stages and prune were not run");
            }
        }

        Checkpoint("applied");
        if (await health.WaitAsync(plan.Objects, known, deadline, cancellationToken) is { Count: > 0 } unhealthy)
        {
            return HealthFailure(unhealthy, $"{unhealthy.Count} object(s) did not become healthy within {Format(options.Timeout)}; prune was not run");
        }

        Checkpoint("healthy");
        return null;
    }

    private ReconcileResult HealthFailure(List<DesiredObject> notReady, string summary) =>
        Result(succeeded: false, [summary, .. notReady.Select(o => $"{o.Ref}: {health.MessageOf(o)}")]);

    private static string Format(TimeSpan timeout) =>
        timeout.TotalSeconds < 60
            ? string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###}s")
            : string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalMinutes:0.##}m");
}

using System.Collections.Concurrent;
using System.Net;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Drift;

/// <summary>
/// Finds drift: for each desired object, the live object against a server-side dry run of our apply. Nothing is
/// written; objects whose kind the cluster does not serve yet are skipped (the next reconcile creates them).
/// </summary>
internal sealed class DriftDetector(KubeApi api, int concurrency)
{
    public async Task<IReadOnlyList<(DesiredObject Object, ObjectDrift Drift)>> DetectAsync(
        IReadOnlyList<DesiredObject> desired, ApiResources resources, CancellationToken cancellationToken)
    {
        var found = new ConcurrentBag<(DesiredObject, ObjectDrift)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(desired.Where(o => resources.IsServed(o.Resource)), parallel, async (o, ct) =>
        {
            var live = await api.GetAsync(o.Path, ct);
            if (live is null)
            {
                found.Add((o, new ObjectDrift(o.Ref, [], Missing: true)));
                return;
            }

            try
            {
                var preview = await api.ApplyAsync(o.Path, o.Json, dryRun: true, ct);
                if (DriftDiff.Compare(live, preview) is { Count: > 0 } fields)
                {
                    found.Add((o, SecretMask.Mask(new ObjectDrift(o.Ref, fields))));
                }
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // Deleted between the GET and the dry run.
                found.Add((o, new ObjectDrift(o.Ref, [], Missing: true)));
            }
        });
        return [.. found.OrderBy(f => f.Item2.Ref.ToString(), StringComparer.Ordinal)];
    }
}

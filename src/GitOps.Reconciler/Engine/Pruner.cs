using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Deletes prune candidates in dependency order (namespaced objects, cluster objects, Namespaces, CRDs) and waits for
/// each group to be gone (finalizers included) before the next. Leaves in place anything marked
/// <c>gitops.io/prune: disabled</c> or no longer labelled as a member of this ApplySet.
/// </summary>
internal sealed class Pruner(KubeApi api, ApiResources resources, string applySetId, int concurrency, TimeSpan pollInterval, Action<string> checkpoint)
{
    public async Task<List<string>> PruneAsync(IReadOnlyList<PruneCandidate> candidates, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        foreach (var group in candidates.GroupBy(c => c.Order).OrderBy(g => g.Key))
        {
            var deleting = new System.Collections.Concurrent.ConcurrentBag<(PruneCandidate Candidate, string Path)>();
            await Parallel.ForEachAsync(group, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (candidate, ct) =>
            {
                if (await DeleteAsync(candidate, ct) is { } path)
                {
                    deleting.Add((candidate, path));
                }
            });

            errors.AddRange(await WaitGoneAsync(deleting, deadline, cancellationToken));
            if (errors.Count > 0)
            {
                return errors;
            }
        }

        return errors;
    }

    /// <summary>For a dry run: says which candidates would be deleted and which left in place, deleting nothing.</summary>
    public Task InspectAsync(IReadOnlyList<PruneCandidate> candidates, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(candidates, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (candidate, ct) =>
            await DeleteAsync(candidate, ct, dryRun: true));

    /// <summary>Deletes one candidate; returns its path when a deletion is in flight.</summary>
    private async Task<string?> DeleteAsync(PruneCandidate candidate, CancellationToken cancellationToken, bool dryRun = false)
    {
        var member = candidate.Member;
        var resource = resources.Find(member.Group, member.Version, member.Kind) ?? resources.FindAnyVersion(member.Group, member.Kind);
        if (resource is null)
        {
            // The kind is gone from the cluster (its CRD was deleted), and with it every object of the kind.
            candidate.Action = ObjectAction.Pruned;
            candidate.Message = "kind no longer served";
            return null;
        }

        var path = resource.ObjectPath(member.Namespace, member.Name);
        var live = await api.GetAsync(path, cancellationToken);
        if (live is null)
        {
            candidate.Action = ObjectAction.Pruned;
            candidate.Message = "already gone";
            return null;
        }

        var metadata = live["metadata"];
        if (metadata?["annotations"]?[Annotations.Prune]?.GetValue<string>() == "disabled")
        {
            candidate.Action = ObjectAction.PruneSkipped;
            candidate.Message = $"{Annotations.Prune}: disabled";
            return null;
        }

        if (metadata?["labels"]?[Annotations.ApplySetPartOf]?.GetValue<string>() != applySetId)
        {
            candidate.Action = ObjectAction.PruneSkipped;
            candidate.Message = $"not labelled {Annotations.ApplySetPartOf}={applySetId}; left in place";
            return null;
        }

        if (dryRun)
        {
            candidate.Action = ObjectAction.Pruned;
            return null;
        }

        await api.DeleteAsync(path, cancellationToken);
        checkpoint($"deleted {member.Ref}");
        return path;
    }

    private async Task<List<string>> WaitGoneAsync(IEnumerable<(PruneCandidate Candidate, string Path)> deleting, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var pending = deleting.ToList();
        var lastSeen = new Dictionary<PruneCandidate, System.Text.Json.Nodes.JsonObject>();
        while (true)
        {
            var stillThere = new List<(PruneCandidate, string)>();
            foreach (var (candidate, path) in pending)
            {
                var live = await api.GetAsync(path, cancellationToken);
                if (live is null)
                {
                    candidate.Action = ObjectAction.Pruned;
                }
                else
                {
                    lastSeen[candidate] = live;
                    stillThere.Add((candidate, path));
                }
            }

            pending = stillThere;
            if (pending.Count == 0)
            {
                return [];
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                return pending.Select(p =>
                {
                    var finalizers = lastSeen[p.Item1]["metadata"]?["finalizers"]?.AsArray().Select(f => f?.GetValue<string>()) ?? [];
                    p.Item1.Message = $"still present, finalizers: {string.Join(", ", finalizers)}";
                    return $"{p.Item1.Member.Ref}: deletion did not finish before the timeout; finalizers: [{string.Join(", ", finalizers)}]";
                }).ToList();
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }
}

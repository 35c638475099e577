using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Classifies each desired object as created, configured or unchanged by comparing the live object with a
/// server-side dry-run apply. The dry run also validates every object on the server before anything is written.
/// Objects whose applied hash and values are already in place skip the dry run (see <see cref="AppliedHash"/>).
/// </summary>
internal static class ChangeDetector
{
    public static async Task<Dictionary<DesiredObject, PlannedChange>> DetectAsync(
        KubeApi api, IReadOnlyList<DesiredObject> desired, ApiResources resources, int concurrency, List<string> errors, CancellationToken cancellationToken, LivePrefetch? prefetched = null, VerifiedObjects? verified = null)
    {
        var changes = new ConcurrentDictionary<DesiredObject, PlannedChange>();
        // Unchanged objects are settled while their LIST page is read, so only the few that changed keep their live item
        // (as a detached copy) for the dry run below, and the pages themselves never pile up.
        var liveObjects = await LiveObjects.ReadElementsAsync(api, desired.Where(o => resources.IsServed(o.Resource)), concurrency, cancellationToken, prefetched, (o, element) =>
        {
            if (verified?.Vouches(o, element) == true || AppliedHash.IsUnchanged(o.Json, element))
            {
                changes[o] = new PlannedChange(o, ObjectAction.Unchanged, [], LiveState.Of(element, o));
                return true;
            }

            // A page whose body dropped mid-read is read again, and the later answer is the one that counts.
            changes.TryRemove(o, out _);
            return false;
        });
        Diagnostics.PhaseTimer.Mark("live objects listed");
        var rejected = new ConcurrentBag<(DesiredObject Object, string Message)>();
        await Parallel.ForEachAsync(desired, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (o, ct) =>
        {
            if (!resources.IsServed(o.Resource))
            {
                // Its CRD is part of this set and not created yet: the server cannot dry-run it until then.
                changes[o] = new PlannedChange(o, ObjectAction.Created, [], LiveState.Of(o.Json, o));
                return;
            }

            if (changes.ContainsKey(o))
            {
                return;
            }

            var exists = liveObjects.TryGetValue(o, out var element);

            var live = exists ? LiveObjects.ToObject(element, o.Resource) : null;

            try
            {
                var preview = await api.ApplyAsync(o.Path, o.Json, dryRun: true, ct);
                changes[o] = live is null
                    ? new PlannedChange(o, ObjectAction.Created, [], LiveState.Of(preview, o))
                    : Compare(o, live, preview);
            }
            catch (KubeApiException e) when (live is null && e.StatusCode == HttpStatusCode.NotFound)
            {
                // Typically its namespace is created earlier in this same run.
                changes[o] = new PlannedChange(o, ObjectAction.Created, [], LiveState.Of(o.Json, o));
            }
            catch (KubeApiException e) when ((int)e.StatusCode is >= 400 and < 500)
            {
                rejected.Add((o, e.Message));
            }
        });

        foreach (var (o, message) in rejected.OrderBy(r => r.Object.Location, StringComparer.Ordinal))
        {
            errors.Add($"{o.Location}: {o.Ref}: rejected by the server: {message}");
        }

        return new Dictionary<DesiredObject, PlannedChange>(changes);
    }

    private static PlannedChange Compare(DesiredObject o, JsonObject live, JsonObject preview)
    {
        var fields = JsonDiff.ChangedPaths(live, preview);
        if (fields.Count > 1)
        {
            // The hash changes with every edit; people want to see the edit itself.
            fields.Remove($"metadata.annotations.{AppliedHash.Annotation}");
        }

        if (fields.Count == 0 && JsonDiff.OwnedFields(live, KubeApi.FieldManager) != JsonDiff.OwnedFields(preview, KubeApi.FieldManager))
        {
            fields.Add("metadata.managedFields (field ownership moves to gitops)");
        }

        return new PlannedChange(o, fields.Count == 0 ? ObjectAction.Unchanged : ObjectAction.Configured, fields, LiveState.Of(preview, o));
    }
}

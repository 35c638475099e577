using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
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
        var liveObjects = await LiveObjects.ReadElementsAsync(api, desired.Where(o => resources.IsServed(o.Resource)), concurrency, cancellationToken, prefetched);
        Diagnostics.PhaseTimer.Mark("live objects listed");
        var rejected = new ConcurrentBag<(DesiredObject Object, string Message)>();
        await Parallel.ForEachAsync(desired, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (o, ct) =>
        {
            if (!resources.IsServed(o.Resource))
            {
                // Its CRD is part of this set and not created yet: the server cannot dry-run it until then.
                changes[o] = new PlannedChange(o, ObjectAction.Created, [], o.Body);
                return;
            }

            var exists = liveObjects.TryGetValue(o, out var element);
            if (exists && (verified?.Vouches(o, element) == true || AppliedHash.IsUnchanged(o.Body, element)))
            {
                changes[o] = new PlannedChange(o, ObjectAction.Unchanged, [], HealthView(element, o.Resource));
                return;
            }

            var live = exists ? LiveObjects.ToObject(element, o.Resource) : null;

            try
            {
                var preview = await api.ApplyAsync(o.Path, o.Body, dryRun: true, ct);
                changes[o] = live is null
                    ? new PlannedChange(o, ObjectAction.Created, [], preview)
                    : Compare(o, live, preview);
            }
            catch (KubeApiException e) when (live is null && e.StatusCode == HttpStatusCode.NotFound)
            {
                // Typically its namespace is created earlier in this same run.
                changes[o] = new PlannedChange(o, ObjectAction.Created, [], o.Body);
            }
            catch (KubeApiException e) when ((int)e.StatusCode is >= 400 and < 500)
            {
                rejected.Add((o, e.Message));
            }
        });

        foreach (var (o, message) in rejected.OrderBy(r => r.Object.Manifest.Location, StringComparer.Ordinal))
        {
            errors.Add($"{o.Manifest.Location}: {o.Ref}: rejected by the server: {message}");
        }

        return new Dictionary<DesiredObject, PlannedChange>(changes);
    }

    /// <summary>
    /// What health evaluation reads of an unchanged object, taken out of the live list item: a run keeps it until the
    /// end, and for thousands of unchanged objects their data and managedFields would otherwise stay in memory that long.
    /// Built straight from the item, so an unchanged object never becomes a full node tree, and detached from it, so the
    /// LIST pages can be collected once the change set is known. The uid and resourceVersion stay for
    /// <see cref="VerifiedObjects"/>.
    /// </summary>
    internal static JsonObject HealthView(JsonElement item, ResourceInfo resource)
    {
        var metadata = new JsonObject();
        if (item.TryGetProperty("metadata", out var liveMetadata) && liveMetadata.ValueKind == JsonValueKind.Object)
        {
            Copy(liveMetadata, metadata, "name", "namespace", "uid", "resourceVersion", "generation", "deletionTimestamp");
        }

        var view = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind, ["metadata"] = metadata };
        Copy(item, view, "spec", "status");
        return view;
    }

    private static void Copy(JsonElement from, JsonObject to, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (from.TryGetProperty(key, out var value))
            {
                // Copied out rather than wrapped: a wrapper would keep the whole LIST page it came from alive for the
                // rest of the run (thousands of objects' data and managedFields).
                to[key] = value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => JsonValue.Create(value.GetString()),
                    _ => JsonNode.Parse(value.GetRawText()),
                };
            }
        }
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

        return new PlannedChange(o, fields.Count == 0 ? ObjectAction.Unchanged : ObjectAction.Configured, fields, preview);
    }
}

using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Reads the live state of many objects with one LIST per resource and namespace instead of one GET per object, so
/// a run over 1,000 objects costs tens of requests before it knows what changed.
/// </summary>
internal static class LiveObjects
{
    public static async Task<IReadOnlyDictionary<DesiredObject, JsonObject>> ReadAsync(
        KubeApi api, IEnumerable<DesiredObject> objects, int concurrency, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<DesiredObject, JsonObject>();
        var groups = objects.GroupBy(o => (o.Resource, o.Ref.Namespace)).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var (resource, ns) = group.Key;
            var list = await api.GetAsync(resource.CollectionPath(ns), ct);
            var byName = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var item in list?["items"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                if (item["metadata"]?["name"]?.GetValue<string>() is { } name)
                {
                    // List items carry no apiVersion/kind; restore them so they compare like single objects.
                    item["apiVersion"] = resource.ApiVersion;
                    item["kind"] = resource.Kind;
                    byName[name] = item;
                }
            }

            foreach (var o in group)
            {
                if (byName.TryGetValue(o.Ref.Name, out var live))
                {
                    found[o] = live;
                }
            }
        });
        return found;
    }
}

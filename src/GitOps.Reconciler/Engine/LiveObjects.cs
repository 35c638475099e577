using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Reads the live state of many objects with one LIST per resource instead of one GET per object, so a run over
/// 1,000 objects costs a handful of requests before it knows what changed. A namespaced resource whose objects span
/// several namespaces is listed across all namespaces at once; when the credentials may not list cluster-wide (403),
/// it falls back to one LIST per namespace.
/// </summary>
internal static class LiveObjects
{
    public static async Task<IReadOnlyDictionary<DesiredObject, JsonObject>> ReadAsync(
        KubeApi api, IEnumerable<DesiredObject> objects, int concurrency, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<DesiredObject, JsonObject>();
        var groups = objects.GroupBy(o => o.Resource).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var resource = group.Key;
            var namespaces = group.Select(o => o.Ref.Namespace).Distinct(StringComparer.Ordinal).ToList();
            Dictionary<(string? Namespace, string Name), JsonObject> live;
            if (!resource.Namespaced || namespaces.Count == 1)
            {
                live = await ListAsync(api, resource, resource.CollectionPath(namespaces[0]), ct);
            }
            else
            {
                try
                {
                    live = await ListAsync(api, resource, resource.AllNamespacesPath, ct);
                }
                catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
                {
                    live = [];
                    foreach (var ns in namespaces)
                    {
                        foreach (var (key, item) in await ListAsync(api, resource, resource.CollectionPath(ns), ct))
                        {
                            live[key] = item;
                        }
                    }
                }
            }

            foreach (var o in group)
            {
                // A cluster-scoped object's list item has no namespace; look it up the same way.
                if (live.TryGetValue((resource.Namespaced ? o.Ref.Namespace ?? "default" : null, o.Ref.Name), out var item))
                {
                    found[o] = item;
                }
            }
        });
        return found;
    }

    private static async Task<Dictionary<(string? Namespace, string Name), JsonObject>> ListAsync(
        KubeApi api, ResourceInfo resource, string path, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<(string? Namespace, string Name), JsonObject>();
        foreach (var item in await api.ListAsync(path, cancellationToken) ?? [])
        {
            if (item["metadata"]?["name"]?.GetValue<string>() is { } name)
            {
                // List items carry no apiVersion/kind; restore them so they compare like single objects.
                item["apiVersion"] = resource.ApiVersion;
                item["kind"] = resource.Kind;
                var ns = resource.Namespaced ? item["metadata"]?["namespace"]?.GetValue<string>() : null;
                byKey[(ns, name)] = item;
            }
        }

        return byKey;
    }
}

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
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
    /// <summary>The live objects as JSON nodes, with the apiVersion and kind that list items lack restored.</summary>
    public static async Task<IReadOnlyDictionary<DesiredObject, JsonObject>> ReadAsync(
        KubeApi api, IEnumerable<DesiredObject> objects, int concurrency, CancellationToken cancellationToken) =>
        (await ReadElementsAsync(api, objects, concurrency, cancellationToken)).ToDictionary(p => p.Key, p => ToObject(p.Value, p.Key.Resource));

    /// <summary>Wraps a list item as a node without copying it (children stay backed by the parsed document).</summary>
    public static JsonObject ToObject(JsonElement item, ResourceInfo resource)
    {
        var json = JsonObject.Create(item)!;
        json["apiVersion"] = resource.ApiVersion;
        json["kind"] = resource.Kind;
        return json;
    }

    /// <summary>
    /// The live objects as parsed list items: comparing a thousand unchanged objects on the parsed document costs a
    /// fraction of turning each into a tree of nodes first. Lists already read by <paramref name="prefetched"/> (while
    /// the branch was fetched) are used where they cover the objects' namespaces; the rest are listed now.
    /// <paramref name="settle"/> is offered each desired object's item as soon as it is read; the objects it settles are
    /// left out of the result, and their items are not kept (see <see cref="KubeApi.ListElementsAsync"/>).
    /// </summary>
    public static async Task<IReadOnlyDictionary<DesiredObject, JsonElement>> ReadElementsAsync(
        KubeApi api, IEnumerable<DesiredObject> objects, int concurrency, CancellationToken cancellationToken, LivePrefetch? prefetched = null,
        Func<DesiredObject, JsonElement, bool>? settle = null)
    {
        var found = new ConcurrentDictionary<DesiredObject, JsonElement>();
        var groups = objects.GroupBy(o => o.Resource).ToList();
        await Parallel.ForEachAsync(groups, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken }, async (group, ct) =>
        {
            var resource = group.Key;
            // A cluster-scoped object's list item has no namespace; look it up the same way.
            var byKey = group.ToDictionary(o => (resource.Namespaced ? o.Ref.Namespace ?? "default" : null, o.Ref.Name));
            // An item no desired object names (listed with others across namespaces) is settled too: nothing reads it.
            Func<(string? Namespace, string Name), JsonElement, bool>? settleItem = settle is null ? null
                : (key, item) => !byKey.TryGetValue(key, out var o) || settle(o, item);
            var namespaces = group.Select(o => o.Ref.Namespace).Distinct(StringComparer.Ordinal).ToList();
            var early = prefetched is null ? null : await prefetched.ListCoveringAsync(resource, namespaces);
            var live = early ?? await ListResourceAsync(api, resource, namespaces, ct, settleItem);
            // A list read now has settled its items as it read them; one read early (before the desired set was known)
            // offers them here.
            var settleNow = early is null ? null : settleItem;
            foreach (var (key, o) in byKey)
            {
                if (live.Items.TryGetValue(key, out var item) && settleNow?.Invoke(key, item) != true)
                {
                    found[o] = item;
                }
            }
        });
        return found;
    }

    /// <summary>
    /// The objects of one resource in <paramref name="namespaces"/>: one LIST of the namespace, or of all namespaces
    /// when there are several, falling back to one LIST per namespace when the credentials may not list cluster-wide.
    /// </summary>
    public static async Task<LiveList> ListResourceAsync(
        KubeApi api, ResourceInfo resource, IReadOnlyList<string?> namespaces, CancellationToken cancellationToken, Func<(string? Namespace, string Name), JsonElement, bool>? settle = null)
    {
        if (!resource.Namespaced || namespaces.Count == 1)
        {
            return new LiveList(await ListAsync(api, resource, resource.CollectionPath(namespaces[0]), settle, cancellationToken), AllNamespaces: !resource.Namespaced, namespaces.ToHashSet());
        }

        try
        {
            return new LiveList(await ListAsync(api, resource, resource.AllNamespacesPath, settle, cancellationToken), AllNamespaces: true, []);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Forbidden)
        {
            var live = new Dictionary<(string? Namespace, string Name), JsonElement>();
            foreach (var ns in namespaces)
            {
                foreach (var (key, item) in await ListAsync(api, resource, resource.CollectionPath(ns), settle, cancellationToken))
                {
                    live[key] = item;
                }
            }

            return new LiveList(live, AllNamespaces: false, namespaces.ToHashSet());
        }
    }

    private static async Task<Dictionary<(string? Namespace, string Name), JsonElement>> ListAsync(
        KubeApi api, ResourceInfo resource, string path, Func<(string? Namespace, string Name), JsonElement, bool>? settle, CancellationToken cancellationToken)
    {
        var byKey = new Dictionary<(string? Namespace, string Name), JsonElement>();
        var items = await api.ListElementsAsync(path, cancellationToken, settle is null ? null : item => Key(resource, item) is { } key && settle(key, item)) ?? [];
        foreach (var item in items)
        {
            if (Key(resource, item) is { } key)
            {
                byKey[key] = item;
            }
        }

        return byKey;
    }

    private static (string? Namespace, string Name)? Key(ResourceInfo resource, JsonElement item)
    {
        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            var ns = resource.Namespaced && metadata.TryGetProperty("namespace", out var nsElement) && nsElement.ValueKind == JsonValueKind.String ? nsElement.GetString() : null;
            return (ns, name.GetString()!);
        }

        return null;
    }
}

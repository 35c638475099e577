using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using GitOps.Sandbox.Api;

namespace GitOps.Sandbox.Store;

/// <summary>
/// The in-memory etcd: objects by resource, namespace and name, one global resourceVersion counter, and a
/// bounded event history that watches replay from. Writers hold <see cref="Gate"/> across read-modify-write.
/// </summary>
internal sealed class ObjectStore
{
    private const int HistoryCapacity = 20_000;

    private readonly Dictionary<string, SortedDictionary<string, StoredObject>> resources = new(StringComparer.Ordinal);
    private readonly Queue<WatchEvent> history = new();
    private readonly List<WatchSubscription> subscriptions = [];
    private long resourceVersion = 1;
    private long oldestReplayable = 1;

    public Lock Gate { get; } = new();

    public long CurrentResourceVersion
    {
        get
        {
            lock (Gate)
            {
                return resourceVersion;
            }
        }
    }

    public StoredObject? Get(ResourceType type, string? ns, string name)
    {
        lock (Gate)
        {
            return resources.TryGetValue(type.GroupResource, out var objects) && objects.TryGetValue(Key(ns, name), out var found) ? found : null;
        }
    }

    /// <summary>Objects of a resource in key order (namespace, then name), optionally in one namespace.</summary>
    public (IReadOnlyList<StoredObject> Items, long ResourceVersion) List(ResourceType type, string? ns)
    {
        lock (Gate)
        {
            if (!resources.TryGetValue(type.GroupResource, out var objects))
            {
                return ([], resourceVersion);
            }

            var items = ns is null
                ? objects.Values.ToList()
                : objects.Where(pair => pair.Key.StartsWith(ns + "/", StringComparison.Ordinal)).Select(pair => pair.Value).ToList();
            return (items, resourceVersion);
        }
    }

    /// <summary>All objects of a group-resource across every served version, for namespace and CRD cleanup.</summary>
    public IReadOnlyList<StoredObject> ListAll(string groupResource)
    {
        lock (Gate)
        {
            return resources.TryGetValue(groupResource, out var objects) ? [.. objects.Values] : [];
        }
    }

    public IReadOnlyList<string> GroupResources()
    {
        lock (Gate)
        {
            return [.. resources.Keys];
        }
    }

    /// <summary>Stores a new version of an object, stamping the next resourceVersion into it.</summary>
    public StoredObject Put(ResourceType type, JsonObject node, bool created, IReadOnlyList<Apply.ManagedFieldsEntry>? managers = null)
    {
        lock (Gate)
        {
            var version = ++resourceVersion;
            var metadata = (JsonObject)node["metadata"]!;
            metadata["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            var stored = managers is null ? Freeze(node, version) : Freeze(node, version) with { Managers = managers };
            if (!resources.TryGetValue(type.GroupResource, out var objects))
            {
                objects = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
                resources[type.GroupResource] = objects;
            }

            var key = Key((string?)metadata["namespace"], (string)metadata["name"]!);
            objects.TryGetValue(key, out var previous);
            objects[key] = stored;
            Publish(new WatchEvent(version, created ? "ADDED" : "MODIFIED", type.GroupResource, stored, previous));
            return stored;
        }
    }

    /// <summary>Removes an object; the DELETED event carries its last state with a fresh resourceVersion.</summary>
    public StoredObject? Remove(string groupResource, string? ns, string name)
    {
        lock (Gate)
        {
            if (!resources.TryGetValue(groupResource, out var objects) || !objects.Remove(Key(ns, name), out var last))
            {
                return null;
            }

            var version = ++resourceVersion;
            var node = last.CloneNode();
            ((JsonObject)node["metadata"]!)["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture);
            var stored = Freeze(node, version);
            Publish(new WatchEvent(version, "DELETED", groupResource, stored));
            return stored;
        }
    }

    /// <summary>
    /// Subscribes to events of one resource after <paramref name="fromVersion"/>; 0 means "now", after the
    /// caller sent the current state. Versions older than the retained history are expired (410), as in etcd.
    /// </summary>
    public WatchSubscription Subscribe(string groupResource, long fromVersion, Func<StoredObject, bool> filter)
    {
        lock (Gate)
        {
            if (fromVersion > 0 && fromVersion < oldestReplayable - 1)
            {
                throw ApiException.Expired($"too old resource version: {fromVersion} ({oldestReplayable - 1})");
            }

            var channel = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });
            var subscription = new WatchSubscription(this, groupResource, filter, channel);
            if (fromVersion > 0)
            {
                foreach (var past in history)
                {
                    if (past.ResourceVersion > fromVersion)
                    {
                        subscription.Offer(past);
                    }
                }
            }

            subscriptions.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(WatchSubscription subscription)
    {
        lock (Gate)
        {
            subscriptions.Remove(subscription);
        }
    }

    private void Publish(WatchEvent watchEvent)
    {
        history.Enqueue(watchEvent);
        if (history.Count > HistoryCapacity)
        {
            oldestReplayable = history.Dequeue().ResourceVersion + 1;
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Offer(watchEvent);
        }
    }

    private static StoredObject Freeze(JsonObject node, long version) =>
        new(node, JsonSerializer.SerializeToUtf8Bytes(node, Apply.CompactJson.Options), version);

    private static string Key(string? ns, string name) => $"{ns}/{name}";
}

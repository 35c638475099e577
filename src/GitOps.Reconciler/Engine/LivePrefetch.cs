using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Status;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// What a run reads first whatever the commit - the inventory, the record of objects verified by the last run, the
/// live objects of every kind those name, and the status ConfigMap the run's outcome is merged into - read while the
/// branch is fetched and the manifests parsed, so a no-op run has little left to wait for after the fetch.
/// Only reads: a commit refused later leaves the cluster untouched. A read that fails here is no error; the run reads
/// again at its own time and reports what fails then.
/// </summary>
internal sealed class LivePrefetch
{
    private readonly Task<IReadOnlyDictionary<ResourceInfo, Task<LiveList>>> lists;

    private LivePrefetch(Task<KubeApi> api, Task<ApiResources> discovery, ReconcileOptions options, CancellationToken cancellationToken)
    {
        var (inventoryNamespace, inventoryName) = (options.InventoryNamespace, options.EffectiveInventoryName);
        Verified = Task.Run(async () =>
        {
            var client = await api;
            return VerifiedObjects.Load(VerifiedObjects.PathFor(options.CacheDirectory, client.BaseUri.ToString(), inventoryNamespace, inventoryName));
        }, cancellationToken);
        Inventory = Task.Run(async () =>
        {
            var client = await api;
            var parent = await client.GetAsync(new InventoryStore(client, inventoryNamespace, inventoryName).Path, cancellationToken);
            Diagnostics.PhaseTimer.Mark("early: inventory read");
            return parent;
        }, cancellationToken);
        Status = Task.Run(async () =>
        {
            var client = await api;
            return await new ClusterStatusStore(client, inventoryNamespace, inventoryName).ReadLiveAsync(cancellationToken);
        }, cancellationToken);
        lists = Task.Run(async () =>
        {
            var client = await api;
            var resources = await discovery;
            var verified = await Verified;
            // What the last successful run left in place says which kinds to list, without waiting for the inventory;
            // without that record, the inventory's members do.
            var targets = verified.Count > 0
                ? verified.References.Select(r => (Resource: resources.FindAnyVersion(r.Group, r.Kind), r.Namespace))
                : new InventoryStore(client, inventoryNamespace, inventoryName).Adopt(await Inventory).Members
                    .Select(m => (Resource: resources.Find(m.Group, m.Version, m.Kind) ?? resources.FindAnyVersion(m.Group, m.Kind), m.Namespace));
            var throttle = new SemaphoreSlim(options.Concurrency);
            IReadOnlyDictionary<ResourceInfo, Task<LiveList>> started = targets
                .Where(t => t.Resource is not null && resources.IsServed(t.Resource))
                .GroupBy(t => t.Resource!)
                .ToDictionary(g => g.Key, g => ListAsync(client, g.Key, [.. g.Select(t => t.Namespace).Distinct(StringComparer.Ordinal)], throttle, cancellationToken));
            return started;
        }, cancellationToken);
    }

    /// <summary>The objects the last successful run against this server and inventory left as desired.</summary>
    public Task<VerifiedObjects> Verified { get; }

    /// <summary>Completes when every early read has ended, however it ended; never faults.</summary>
    public async Task WhenSettledAsync()
    {
        // WhenAny never rethrows: a failure here is reported, if it matters, by the run's own reads.
        await Task.WhenAny(Task.WhenAll(Inventory, Verified, Status, lists));
        if (lists.IsCompletedSuccessfully)
        {
            await Task.WhenAny(Task.WhenAll(lists.Result.Values));
        }
    }

    /// <summary>The inventory parent as read early (null when it does not exist yet).</summary>
    public Task<JsonObject?> Inventory { get; }

    /// <summary>The status ConfigMap as read early (null when it does not exist yet); the outcome is merged into it.</summary>
    public Task<JsonObject?> Status { get; }

    public static LivePrefetch Start(Task<KubeApi> api, Task<ApiResources> discovery, ReconcileOptions options, CancellationToken cancellationToken) =>
        new(api, discovery, options, cancellationToken);

    /// <summary>The early inventory read adopted by <paramref name="store"/>; read again when the early read failed.</summary>
    public async Task<InventoryState> ReadInventoryAsync(InventoryStore store, CancellationToken cancellationToken)
    {
        JsonObject? live;
        try
        {
            live = await Inventory;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return await store.ReadAsync(cancellationToken);
        }

        return store.Adopt(live);
    }

    /// <summary>The early list of <paramref name="resource"/> when it covers <paramref name="namespaces"/>; null otherwise.</summary>
    public async Task<LiveList?> ListCoveringAsync(ResourceInfo resource, IReadOnlyList<string?> namespaces)
    {
        try
        {
            return (await lists).TryGetValue(resource, out var list) && await list is { } live && live.Covers(namespaces) ? live : null;
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException or ReconcileException or OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<LiveList> ListAsync(KubeApi api, ResourceInfo resource, IReadOnlyList<string?> namespaces, SemaphoreSlim throttle, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(cancellationToken);
        try
        {
            var list = await LiveObjects.ListResourceAsync(api, resource, namespaces, cancellationToken);
            Diagnostics.PhaseTimer.Mark($"early: {resource.Plural} listed");
            return list;
        }
        finally
        {
            throttle.Release();
        }
    }
}

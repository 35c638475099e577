using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

internal sealed partial class ClusterStatusStore
{
    /// <summary>How often a merge is computed again after another writer changed the ConfigMap under it (the agent's whole-status write too).</summary>
    internal const int MergeAttempts = 5;

    private string StatusPath => ConfigMaps.ObjectPath(ns, StatusKeys.ConfigMapName(inventoryName));

    /// <summary>The status ConfigMap as the API server has it, or null when there is none.</summary>
    public Task<JsonObject?> ReadLiveAsync(CancellationToken cancellationToken) => api.GetAsync(StatusPath, cancellationToken);

    /// <summary>
    /// Sets the keys <paramref name="keysFor"/> computes from the current data (a null value removes a key) and keeps
    /// every other one - what an agent recorded there, such as drift corrections - in one merge patch; creates the
    /// ConfigMap, and the namespace, when missing. What one-shot `gitops reconcile` records after a run.
    /// The patch names the resourceVersion the keys were computed from: a key derived from the current value (the
    /// history a run appends to) must not overwrite what an agent's cycle or a parallel run wrote in between, so the API
    /// server refuses a stale patch with 409 and the keys are computed again from a fresh read.
    /// </summary>
    /// <param name="keysFor">The keys to set, from the current data (null when there is no ConfigMap yet).</param>
    /// <param name="early">The ConfigMap as read earlier in the run (while the branch was fetched); read now when that read failed.</param>
    /// <param name="fieldManager">The writer's name in managedFields.</param>
    /// <param name="cancellationToken">Stops the recording.</param>
    public async Task MergeAsync(Func<IReadOnlyDictionary<string, string>?, JsonObject> keysFor, Task<JsonObject?>? early, string fieldManager, CancellationToken cancellationToken)
    {
        var live = await CurrentAsync(early, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var keys = keysFor(DataOf(live));
            try
            {
                if (live is null)
                {
                    await CreateAsync(keys, cancellationToken);
                    return;
                }

                var patch = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = Labels(), ["resourceVersion"] = live["metadata"]?["resourceVersion"]?.DeepClone() },
                    ["data"] = keys,
                };
                if (await api.MergePatchAsync(StatusPath, patch, fieldManager, cancellationToken) is not null)
                {
                    return;
                }

                // Deleted since it was read: create it afresh.
                live = null;
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict && attempt < MergeAttempts)
            {
                // Written, or created, by someone else since it was read.
                live = await ReadLiveAsync(cancellationToken);
            }
        }
    }

    /// <summary>The early read's ConfigMap, waited for if still under way; read again when it failed.</summary>
    private async Task<JsonObject?> CurrentAsync(Task<JsonObject?>? early, CancellationToken cancellationToken)
    {
        if (early is not null)
        {
            try
            {
                return await early.WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is KubeApiException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Stopped with the run's other early reads, or failed: what the API server says now decides.
            }
        }

        return await ReadLiveAsync(cancellationToken);
    }

    private async Task CreateAsync(JsonObject keys, CancellationToken cancellationToken)
    {
        await new Inventory.InventoryStore(api, ns, inventoryName).EnsureNamespaceAsync(cancellationToken);
        var created = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = StatusKeys.ConfigMapName(inventoryName), ["namespace"] = ns, ["labels"] = Labels() },
            ["data"] = new JsonObject(keys.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value!.DeepClone()))),
        };
        await api.CreateAsync(ConfigMaps.CollectionPath(ns), created, cancellationToken);
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

/// <summary>
/// Writes the agent's status into a companion ConfigMap next to the inventory, so `kubectl get cm` and
/// `gitops status --kubeconfig` see it, and reads it (and the suspend flag) back.
/// </summary>
internal sealed partial class ClusterStatusStore(KubeApi api, string ns, string inventoryName)
{
    private static readonly ResourceInfo ConfigMaps = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    /// <summary>
    /// Writes the agent's whole status. With <paramref name="readVersion"/> (the resourceVersion the status was read and
    /// merged at), the API server refuses the write with 409 when another writer changed the ConfigMap since.
    /// </summary>
    public async Task WriteAsync(AgentStatus status, string cluster, string path, string? leader, CancellationToken cancellationToken, string? readVersion = null)
    {
        var data = new JsonObject
        {
            [StatusKeys.Cluster] = cluster,
            [StatusKeys.Path] = path,
            [StatusKeys.LastResult] = status.LastResult,
            [StatusKeys.Health] = status.Health,
            [StatusKeys.Healthy] = status.Healthy ? "true" : "false",
            [StatusKeys.DriftCorrections] = status.DriftCorrections.ToString(CultureInfo.InvariantCulture),
            [StatusKeys.Stale] = status.Stale ? "true" : "false",
            [StatusKeys.LastError] = status.LastError ?? "",
            [StatusKeys.LastDrift] = string.Join('\n', status.LastDrift.Select(d => d.ToString())),
            [StatusKeys.History] = JsonSerializer.Serialize(status.History, RecordJson),
            [StatusKeys.DriftLog] = JsonSerializer.Serialize(status.DriftLog, RecordJson),
        };
        Put(data, StatusKeys.LastAttemptedCommit, status.LastAttemptedCommit);
        Put(data, StatusKeys.LastAppliedCommit, status.LastAppliedCommit);
        Put(data, StatusKeys.LastAppliedTime, status.LastAppliedAt?.ToString("O", CultureInfo.InvariantCulture));
        Put(data, StatusKeys.LastRunTime, status.LastRunAt?.ToString("O", CultureInfo.InvariantCulture));
        Put(data, StatusKeys.Leader, leader);
        Put(data, StatusKeys.LastTrigger, status.LastTrigger);
        Put(data, StatusKeys.RefusedCommit, status.RefusedCommit);
        await ApplyAsync(data, readVersion, cancellationToken);
    }

    // `gitops status --kubeconfig` finds status ConfigMaps by this label, whoever wrote them.
    private static JsonObject Labels() => new() { ["app.kubernetes.io/managed-by"] = "gitops-agent" };

    private async Task ApplyAsync(JsonObject data, string? readVersion, CancellationToken cancellationToken)
    {
        var metadata = new JsonObject
        {
            ["name"] = StatusKeys.ConfigMapName(inventoryName),
            ["namespace"] = ns,
            ["labels"] = Labels(),
        };
        if (readVersion is not null)
        {
            metadata["resourceVersion"] = readVersion;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = metadata,
            ["data"] = data,
        };
        await api.ApplyAsync(ConfigMaps.ObjectPath(ns, StatusKeys.ConfigMapName(inventoryName)), body, dryRun: false, cancellationToken);
    }

    /// <summary>The status ConfigMap's data, or null when the agent never ran here.</summary>
    public async Task<IReadOnlyDictionary<string, string>?> ReadAsync(CancellationToken cancellationToken) =>
        (await ReadVersionedAsync(cancellationToken)).Data;

    /// <summary>The status ConfigMap's data and the resourceVersion it was read at (both null when there is none).</summary>
    public async Task<(IReadOnlyDictionary<string, string>? Data, string? Version)> ReadVersionedAsync(CancellationToken cancellationToken)
    {
        var live = await ReadLiveAsync(cancellationToken);
        return (DataOf(live), live?["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    /// <summary>The data of a status ConfigMap as read from the API, or null when there is none.</summary>
    private static Dictionary<string, string>? DataOf(JsonObject? live) =>
        live?["data"] is JsonObject data
            ? data.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)
            : null;

    /// <summary>The reconcile and drift records of a status ConfigMap's data (empty lists when absent or unreadable).</summary>
    public static (IReadOnlyList<ReconcileRecord> History, IReadOnlyList<DriftRecord> DriftLog) Records(IReadOnlyDictionary<string, string>? data) =>
        (Parse<ReconcileRecord>(data, StatusKeys.History), Parse<DriftRecord>(data, StatusKeys.DriftLog));

    private static List<T> Parse<T>(IReadOnlyDictionary<string, string>? data, string key)
    {
        if (data?.GetValueOrDefault(key) is not { Length: > 0 } json)
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<T>>(json, RecordJson) ?? [];
        }
        catch (JsonException)
        {
            // Written by another version of the agent; the records are a convenience, not state to fail over.
            return [];
        }
    }

    internal static readonly JsonSerializerOptions RecordJson = new(JsonSerializerDefaults.Web);

    /// <summary>The inventory's <c>gitops.io/sync-requested</c> value, or null.</summary>
    public async Task<string?> SyncRequestedAsync(CancellationToken cancellationToken)
    {
        var inventory = await api.GetAsync(ConfigMaps.ObjectPath(ns, inventoryName), cancellationToken);
        return inventory?["metadata"]?["annotations"]?[StatusKeys.SyncRequested] is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
    }

    /// <summary>True when the inventory carries <c>gitops.io/suspended: "true"</c>.</summary>
    public async Task<bool> IsSuspendedAsync(CancellationToken cancellationToken)
    {
        var inventory = await api.GetAsync(ConfigMaps.ObjectPath(ns, inventoryName), cancellationToken);
        return inventory?["metadata"]?["annotations"]?[StatusKeys.Suspended] is JsonValue v && v.TryGetValue<string>(out var text)
            && string.Equals(text, "true", StringComparison.OrdinalIgnoreCase);
    }

    private static void Put(JsonObject data, string key, string? value)
    {
        if (value is not null)
        {
            data[key] = value;
        }
    }
}

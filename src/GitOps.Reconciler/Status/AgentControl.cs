using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

/// <summary>What `gitops suspend`, `resume` and `status --kubeconfig` do to and read from a cluster.</summary>
public static class AgentControl
{
    private const string FieldManager = "gitops-cli";

    /// <summary>A command answers within seconds when the API server is gone, instead of retrying like the agent.</summary>
    private static readonly RetryPolicy CommandRetry = new(3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));

    /// <summary>Sets or clears <c>gitops.io/suspended</c> on the inventory; the agent honours it on its next cycle.</summary>
    public static async Task SetSuspendedAsync(ClusterConfiguration cluster, string ns, string inventoryName, bool suspended, CancellationToken cancellationToken = default)
    {
        using var api = new KubeApi(KubeConnection.Create(cluster), CommandRetry);
        // A merge patch with null removes the annotation.
        var annotations = new JsonObject { [StatusKeys.Suspended] = suspended ? "true" : null };
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
        var patched = await Reported(() => api.MergePatchAsync($"/api/v1/namespaces/{ns}/configmaps/{inventoryName}", body, FieldManager, cancellationToken));
        if (patched is null)
        {
            throw new ReconcileException($"no inventory ConfigMap {ns}/{inventoryName}: nothing has been reconciled there yet (check --namespace and --inventory)");
        }
    }

    /// <summary>Every agent status ConfigMap in the namespace, by inventory name.</summary>
    public static async Task<IReadOnlyList<(string Inventory, IReadOnlyDictionary<string, string> Data)>> ReadStatusesAsync(
        ClusterConfiguration cluster, string ns, CancellationToken cancellationToken = default)
    {
        using var api = new KubeApi(KubeConnection.Create(cluster), CommandRetry);
        var items = await Reported(() => api.ListAsync($"/api/v1/namespaces/{ns}/configmaps?labelSelector={Uri.EscapeDataString("app.kubernetes.io/managed-by=gitops-agent")}", cancellationToken)) ?? [];
        return items
            .Select(c => (Name: c["metadata"]?["name"]?.GetValue<string>() ?? "", Data: c["data"] as JsonObject))
            .Where(c => c.Name.EndsWith("-status", StringComparison.Ordinal))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .Select(c => (c.Name[..^"-status".Length], (IReadOnlyDictionary<string, string>)Strings(c.Data)))
            .ToList();
    }

    /// <summary>The inventory name the agent uses for a path when none is given.</summary>
    public static string InventoryNameFor(string path) => InventoryNames.FromPath(path);

    private static Dictionary<string, string> Strings(JsonObject? data) =>
        data?.Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal) ?? [];

    /// <summary>The CLI sees API errors as <see cref="ReconcileException"/>: the API layer itself is internal.</summary>
    private static async Task<T> Reported<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (KubeApiException e)
        {
            throw new ReconcileException(e.Message, e);
        }
    }
}

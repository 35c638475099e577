using System.Text.Json.Nodes;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Reconciler.Status;

/// <summary>What `gitops suspend`, `resume` and `status --kubeconfig` do to and read from a cluster.</summary>
public static class AgentControl
{
    private const string FieldManager = "gitops-cli";

    /// <summary>Sets or clears <c>gitops.io/suspended</c> on the inventory; the agent honours it on its next cycle.</summary>
    public static async Task SetSuspendedAsync(KubernetesClientConfiguration cluster, string ns, string inventoryName, bool suspended, CancellationToken cancellationToken = default)
    {
        using var client = new Kubernetes(cluster);
        // A merge patch with null removes the annotation.
        var annotations = new JsonObject { [StatusKeys.Suspended] = suspended ? "true" : null };
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } };
        var patch = new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch);
        try
        {
            await client.CoreV1.PatchNamespacedConfigMapAsync(patch, inventoryName, ns, fieldManager: FieldManager, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new ReconcileException($"no inventory ConfigMap {ns}/{inventoryName}: nothing has been reconciled there yet (check --namespace and --inventory)", e);
        }
    }

    /// <summary>Every agent status ConfigMap in the namespace, by inventory name.</summary>
    public static async Task<IReadOnlyList<(string Inventory, IReadOnlyDictionary<string, string> Data)>> ReadStatusesAsync(
        KubernetesClientConfiguration cluster, string ns, CancellationToken cancellationToken = default)
    {
        using var client = new Kubernetes(cluster);
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns, labelSelector: "app.kubernetes.io/managed-by=gitops-agent", cancellationToken: cancellationToken);
        return list.Items
            .Where(c => c.Metadata.Name.EndsWith("-status", StringComparison.Ordinal))
            .OrderBy(c => c.Metadata.Name, StringComparer.Ordinal)
            .Select(c => (c.Metadata.Name[..^"-status".Length], (IReadOnlyDictionary<string, string>)(c.Data ?? new Dictionary<string, string>())))
            .ToList();
    }

    /// <summary>The inventory name the agent uses for a path when none is given.</summary>
    public static string InventoryNameFor(string path) => InventoryNames.FromPath(path);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Status;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Reads and seeds the status ConfigMap of the <c>prod</c> path (<c>gitops-system/gitops-prod-status</c>) in a sandbox.</summary>
internal static class StatusConfigMap
{
    public const string Path = "/api/v1/namespaces/gitops-system/configmaps/gitops-prod-status";

    public static async Task<JsonObject> DataAsync(SandboxCluster cluster) =>
        (await cluster.GetAsync(Path))!["data"]!.AsObject();

    public static string? Data(JsonObject data, string key) => data[key]?.GetValue<string>();

    /// <summary>The history as `gitops status`, the dashboard and a starting agent read it.</summary>
    public static async Task<IReadOnlyList<ReconcileRecord>> HistoryAsync(SandboxCluster cluster) =>
        ClusterStatusStore.Records(((IEnumerable<KeyValuePair<string, JsonNode?>>)await DataAsync(cluster)).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>())).History;

    /// <summary>Creates the status ConfigMap as an agent left it: its cluster name and these history entries.</summary>
    public static async Task SeedAsync(SandboxCluster cluster, string clusterName, IEnumerable<ReconcileRecord> history)
    {
        await cluster.CreateAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"gitops-system"}}""");
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "gitops-prod-status" },
            ["data"] = new JsonObject { ["cluster"] = clusterName, ["history"] = Json(history) },
        };
        await cluster.CreateAsync("/api/v1/namespaces/gitops-system/configmaps", body.ToJsonString());
    }

    /// <summary>History JSON exactly as the agent writes it.</summary>
    public static string Json(IEnumerable<ReconcileRecord> history) => JsonSerializer.Serialize(history.ToList(), ClusterStatusStore.RecordJson);
}

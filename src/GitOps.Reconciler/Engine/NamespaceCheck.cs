using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>Finds objects whose namespace neither exists nor is defined by the set, before anything is applied.</summary>
internal static class NamespaceCheck
{
    public static async Task<List<(DesiredObject Object, string Namespace)>> FindMissingAsync(KubeApi api, IReadOnlyList<DesiredObject> desired, CancellationToken cancellationToken)
    {
        var defined = desired.Where(o => o.Ref is { Group: "", Kind: "Namespace" }).Select(o => o.Ref.Name).ToHashSet(StringComparer.Ordinal);
        var needed = desired.Where(o => o.Ref.Namespace is { } ns && !defined.Contains(ns)).ToList();
        if (needed.Count == 0)
        {
            return [];
        }

        var existing = (await api.ListAsync("/api/v1/namespaces", cancellationToken) ?? [])
            .Select(n => n["metadata"]?["name"]?.GetValue<string>()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return needed.Where(o => !existing.Contains(o.Ref.Namespace!)).Select(o => (o, o.Ref.Namespace!)).ToList();
    }

    public static async Task CreateAsync(KubeApi api, IReadOnlyList<DesiredObject> desired, CancellationToken cancellationToken)
    {
        foreach (var ns in (await FindMissingAsync(api, desired, cancellationToken)).Select(m => m.Namespace).Distinct(StringComparer.Ordinal))
        {
            try
            {
                await api.CreateAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, cancellationToken);
            }
            catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
            {
                // Created meanwhile; fine.
            }
        }
    }
}

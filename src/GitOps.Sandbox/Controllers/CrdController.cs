using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Http;
using GitOps.Sandbox.Schema;
using GitOps.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace GitOps.Sandbox.Controllers;

/// <summary>
/// Serves the resources CRDs define: registers every served version at once, marks the CRD
/// <c>NamesAccepted</c> and <c>Established</c> right after, and deletes the custom objects with the CRD.
/// </summary>
internal sealed class CrdController(ResourceService service, OpenApiDocuments openApi, ILogger logger, CancellationToken stopping)
{
    public const string GroupResource = "customresourcedefinitions.apiextensions.k8s.io";

    public void Reconcile(StoredObject crd)
    {
        var spec = crd.Node["spec"] as JsonObject;
        var group = (string?)spec?["group"];
        var names = spec?["names"] as JsonObject;
        var plural = (string?)names?["plural"];
        var kind = (string?)names?["kind"];
        if (spec is null || group is null || plural is null || kind is null || crd.Name != $"{plural}.{group}")
        {
            logger.LogWarning("CustomResourceDefinition {Name} is not servable (name must be <plural>.<group>, names need kind)", crd.Name);
            return;
        }

        var types = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((bool?)version["served"] == false || (string?)version["name"] is not { } versionName)
            {
                continue;
            }

            types.Add(new ResourceType(
                group, versionName, kind, plural, (string?)names!["singular"] ?? kind.ToLowerInvariant(),
                (string?)spec["scope"] != "Cluster",
                Strings(names["shortNames"]), Strings(names["categories"]),
                HasStatus: version["subresources"]?["status"] is not null,
                HasScale: version["subresources"]?["scale"] is not null,
                TracksGeneration: true,
                CrdSchemas.For(version["schema"]?["openAPIV3Schema"] as JsonObject)) { IsCustom = true, CrdName = crd.Name });
        }

        service.Registry.ReplaceCustom(crd.Name, types);
        if (!openApi.RegisterCrd(crd.CloneNode()))
        {
            logger.LogWarning("CustomResourceDefinition {Name} has no usable schema; its objects are not validated", crd.Name);
        }
        if (crd.Node["status"]?["conditions"] is JsonArray conditions && conditions.Any(c => (string?)c?["type"] == "Established"))
        {
            return;
        }

        _ = Task.Run(() => Establish(crd.Name), stopping);
    }

    public void Remove(StoredObject crd)
    {
        service.Registry.RemoveCustom(crd.Name);
        openApi.UnregisterCrd(crd.Name);
        var group = (string?)crd.Node["spec"]?["group"];
        var plural = (string?)crd.Node["spec"]?["names"]?["plural"];
        var groupResource = $"{plural}.{group}";
        foreach (var item in service.Store.ListAll(groupResource))
        {
            service.Store.Remove(groupResource, item.Namespace, item.Name);
        }
    }

    private void Establish(string name)
    {
        var type = service.Registry.Find("apiextensions.k8s.io", "v1", "customresourcedefinitions")!;
        var current = service.Store.Get(type, null, name);
        if (current is null)
        {
            return;
        }

        var now = service.Now();
        var updated = current.CloneNode();
        var spec = updated["spec"]!;
        var storage = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(v => (bool?)v["storage"] == true)?["name"];
        updated["status"] = new JsonObject
        {
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray(storage?.DeepClone()),
        };
        ResourceService.Metadata(updated).Remove("resourceVersion");
        try
        {
            service.Replace(type, null, name, updated, WriteOptions.System("kube-apiserver"), "status");
        }
        catch (ApiException error) when (error.Code == 404)
        {
            // Deleted before it was established.
        }
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static string[] Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => (string?)n).OfType<string>().ToArray();
}

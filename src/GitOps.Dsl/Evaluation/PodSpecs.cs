using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>Finds pod templates and pod specs inside workload objects of any built-in kind.</summary>
internal static class PodSpecs
{
    /// <summary>The pod templates (objects with <c>metadata</c> and <c>spec</c>) of a workload.</summary>
    public static IEnumerable<JsonObject> Templates(JsonObject manifest)
    {
        var spec = manifest["spec"] as JsonObject;
        var template = (string?)manifest["kind"] switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" or "ReplicationController" => spec?["template"],
            "CronJob" => spec?["jobTemplate"]?["spec"]?["template"],
            _ => null,
        };
        if (template is JsonObject found)
        {
            yield return found;
        }
    }

    /// <summary>The pod specs of a workload or a Pod, with the JSON path prefix that leads to each.</summary>
    public static IEnumerable<JsonObject> Find(JsonObject manifest) => FindWithPath(manifest).Select(found => found.Spec);

    public static IEnumerable<(JsonObject Spec, string Path)> FindWithPath(JsonObject manifest)
    {
        if ((string?)manifest["kind"] == "Pod" && manifest["spec"] is JsonObject podSpec)
        {
            yield return (podSpec, "spec");
        }

        foreach (var template in Templates(manifest))
        {
            if (template["spec"] is JsonObject spec)
            {
                var prefix = (string?)manifest["kind"] == "CronJob" ? "spec.jobTemplate.spec.template.spec" : "spec.template.spec";
                yield return (spec, prefix);
            }
        }
    }

    private static readonly string[] ContainerFields = ["initContainers", "containers", "ephemeralContainers"];

    public static IEnumerable<JsonObject> Containers(JsonObject podSpec) =>
        ContainerFields
            .SelectMany(field => (podSpec[field] as JsonArray ?? []).OfType<JsonObject>());
}

using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Api;

/// <summary>Fields Kubernetes refuses to change after creation (422 Invalid), worded as apiserver words them.</summary>
internal static class ImmutableFields
{
    public static void Check(ResourceType type, JsonObject before, JsonObject after)
    {
        var causes = new List<(string, string)>();
        switch (type.Kind)
        {
            case "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" when !type.IsCustom:
                Same(before, after, "selector", "spec.selector", causes);
                break;
            case "Job" when !type.IsCustom:
                Same(before, after, "selector", "spec.selector", causes);
                Same(before, after, "template", "spec.template", causes);
                break;
            case "Service" when !type.IsCustom:
                var old = (string?)before["spec"]?["clusterIP"];
                var now = (string?)after["spec"]?["clusterIP"];
                if (!string.IsNullOrEmpty(old) && now != old && (string?)after["spec"]?["type"] != "ExternalName")
                {
                    causes.Add(("spec.clusterIPs[0]", $"Invalid value: []string{{\"{now}\"}}: may not change once set"));
                }

                break;
        }

        if (causes.Count > 0)
        {
            throw ApiException.Invalid(type, (string)after["metadata"]!["name"]!, causes);
        }
    }

    private static void Same(JsonObject before, JsonObject after, string field, string path, List<(string, string)> causes)
    {
        var old = before["spec"]?[field];
        var now = after["spec"]?[field];
        if (!JsonNode.DeepEquals(old, now))
        {
            causes.Add((path, $"Invalid value: {now?.ToJsonString() ?? "null"}: field is immutable"));
        }
    }
}

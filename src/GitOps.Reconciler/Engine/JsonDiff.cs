using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Field paths that differ between a live object and what an apply would make of it, for the dry-run report and
/// for telling "configured" from "unchanged". Server-maintained bookkeeping fields are ignored.
/// </summary>
internal static class JsonDiff
{
    private static readonly HashSet<string> Ignored =
    [
        "metadata.resourceVersion", "metadata.generation", "metadata.managedFields", "metadata.creationTimestamp",
        "metadata.uid", "status",
    ];

    public static List<string> ChangedPaths(JsonNode? before, JsonNode? after)
    {
        var paths = new List<string>();
        Compare(before, after, "", paths);
        return paths;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<string> paths)
    {
        if (Ignored.Contains(path))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}", paths);
                }

                break;
            case (JsonArray a, JsonArray b) when a.Count == b.Count:
                for (var i = 0; i < a.Count; i++)
                {
                    Compare(a[i], b[i], $"{path}[{ItemKey(b[i], i)}]", paths);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    paths.Add(path);
                }

                break;
        }
    }

    private static string ItemKey(JsonNode? item, int index) =>
        item is JsonObject o && o["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? $"name={text}" : index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The fieldsV1 set owned by a manager's Apply entry, as JSON text (null when it owns nothing).</summary>
    public static string? OwnedFields(JsonObject? obj, string manager) =>
        obj?["metadata"]?["managedFields"]?.AsArray().OfType<JsonObject>()
            .FirstOrDefault(m => m["manager"]?.GetValue<string>() == manager && m["operation"]?.GetValue<string>() == "Apply")?["fieldsV1"]?.ToJsonString();
}

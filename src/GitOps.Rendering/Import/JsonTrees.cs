using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Semantic comparison of Kubernetes objects as plain JSON: map key order does not matter and map entries whose
/// value is null are absent (the canonical writer drops them), but every value and its JSON type must match.
/// </summary>
internal static class JsonTrees
{
    /// <summary>A copy with null map entries dropped and map keys in ordinal order.</summary>
    public static JsonNode? Normalize(JsonNode? node) => node switch
    {
        JsonObject map => new JsonObject(map.Where(pair => pair.Value is not null)
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => KeyValuePair.Create(pair.Key, Normalize(pair.Value)))),
        JsonArray list => new JsonArray(list.Select(Normalize).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    /// <summary>The normalized JSON text; equal texts mean semantically equal objects.</summary>
    public static string Canonical(JsonNode? node) => Normalize(node)?.ToJsonString() ?? "null";

    public static bool SemanticallyEqual(JsonNode? left, JsonNode? right) =>
        string.Equals(Canonical(left), Canonical(right), StringComparison.Ordinal);

    /// <summary>The first path where two trees differ, for messages (<c>spec.ports[0].targetPort</c>), or null.</summary>
    public static string? FirstDifference(JsonNode? left, JsonNode? right, string path = "")
    {
        switch (left, right)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Where(p => p.Value is not null).Select(p => p.Key)
                    .Union(b.Where(p => p.Value is not null).Select(p => p.Key), StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal))
                {
                    if (FirstDifference(a[key], b[key], Join(path, key)) is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    if (i >= a.Count || i >= b.Count)
                    {
                        return $"{path}[{i}]";
                    }

                    if (FirstDifference(a[i], b[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return SemanticallyEqual(left, right) ? null : (path.Length == 0 ? "(root)" : path);
        }
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    public static bool IsString(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String;
}

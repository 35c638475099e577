using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>How a path into an object is written.</summary>
internal enum FieldPathStyle
{
    /// <summary>The strict decoder's style: <c>.spec.template.spec.containers[0].imagee</c>.</summary>
    Index,

    /// <summary>
    /// Structured-merge-diff's style, used by server-side apply: items of keyed lists are named by their keys,
    /// <c>.spec.template.spec.containers[name="web"].imagee</c>.
    /// </summary>
    MergeKey,
}

/// <summary>Walks an object against its <see cref="FieldShape"/> and collects fields the schema does not declare.</summary>
internal static class UnknownFieldFinder
{
    public static IReadOnlyList<string> Find(FieldShape shape, JsonObject obj, FieldPathStyle style = FieldPathStyle.Index)
    {
        var found = new List<string>();
        Walk(shape, obj, "", style, found);
        return found;
    }

    private static void Walk(FieldShape shape, JsonNode? node, string path, FieldPathStyle style, List<string> found)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object when node is JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (shape.Properties.TryGetValue(name, out var field))
                    {
                        Walk(field, value, $"{path}.{name}", style, found);
                    }
                    else if (!shape.PreservesUnknownFields)
                    {
                        found.Add($"{path}.{name}");
                    }
                }

                break;
            case ShapeKind.Map when node is JsonObject map && shape.Element is { } valueShape:
                foreach (var (key, value) in map)
                {
                    Walk(valueShape, value, $"{path}.{key}", style, found);
                }

                break;
            case ShapeKind.Array when node is JsonArray array && shape.Element is { } itemShape:
                for (var index = 0; index < array.Count; index++)
                {
                    Walk(itemShape, array[index], path + ItemSegment(shape.List, array[index], index, style), style, found);
                }

                break;
        }
    }

    private static string ItemSegment(ListSemantics? list, JsonNode? item, int index, FieldPathStyle style)
    {
        if (style == FieldPathStyle.Index || list is not { ListType: "map", MapKeys.Count: > 0 } || item is not JsonObject obj)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[{index}]");
        }

        var segment = new StringBuilder("[");
        foreach (var key in list.MapKeys.Where(obj.ContainsKey))
        {
            segment.Append(segment.Length > 1 ? "," : "").Append(key).Append('=').Append(obj[key]?.ToJsonString() ?? "null");
        }

        return segment.Append(']').ToString();
    }
}

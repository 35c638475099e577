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
        // Path segments are only joined when a field is reported: most objects have none, and this runs per write.
        Walk(shape, obj, [], style, found);
        return found;
    }

    private static void Walk(FieldShape shape, JsonNode? node, List<string> path, FieldPathStyle style, List<string> found)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object when node is JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    if (shape.Properties.TryGetValue(name, out var field))
                    {
                        if (field.Kind is not (ShapeKind.Scalar or ShapeKind.Any))
                        {
                            path.Add(name);
                            Walk(field, value, path, style, found);
                            path.RemoveAt(path.Count - 1);
                        }
                    }
                    else if (!shape.PreservesUnknownFields)
                    {
                        found.Add(Join(path, name));
                    }
                }

                break;
            case ShapeKind.Map when node is JsonObject map && shape.Element is { Kind: not (ShapeKind.Scalar or ShapeKind.Any) } valueShape:
                foreach (var (key, value) in map)
                {
                    path.Add(key);
                    Walk(valueShape, value, path, style, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case ShapeKind.Array when node is JsonArray array && shape.Element is { Kind: not (ShapeKind.Scalar or ShapeKind.Any) } itemShape:
                for (var index = 0; index < array.Count; index++)
                {
                    path.Add(ItemSelector + ItemSegment(shape.List, array[index], index, style));
                    Walk(itemShape, array[index], path, style, found);
                    path.RemoveAt(path.Count - 1);
                }

                break;
        }
    }

    // Marks list-item segments, which join without a dot; a field name never contains this character.
    private const char ItemSelector = '\0';

    private static string Join(List<string> path, string last)
    {
        var text = new StringBuilder();
        foreach (var segment in path)
        {
            if (segment.Length > 0 && segment[0] == ItemSelector)
            {
                text.Append(segment, 1, segment.Length - 1);
            }
            else
            {
                text.Append('.').Append(segment);
            }
        }

        return text.Append('.').Append(last).ToString();
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

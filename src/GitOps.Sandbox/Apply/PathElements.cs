using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>How list items are identified in field sets: by their keys, by value (sets), or by index.</summary>
internal static class PathElements
{
    public static string Field(string name) => "f:" + name;

    public static string ForItem(SchemaNode list, JsonNode? item, int index)
    {
        switch (list.ListType)
        {
            case ListType.Map when item is JsonObject itemObject:
                var key = new JsonObject();
                foreach (var name in list.ListKeys.Order(StringComparer.Ordinal))
                {
                    if (itemObject[name] is { } value)
                    {
                        key[name] = value.DeepClone();
                    }
                    else if (MergeMetadata.KeyDefaults.TryGetValue(name, out var fallback))
                    {
                        key[name] = fallback;
                    }
                }

                return "k:" + key.ToJsonString(CompactJson.Options);
            case ListType.Set:
                return "v:" + (item?.ToJsonString(CompactJson.Options) ?? "null");
            default:
                return "i:" + index.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Whether the schema treats this value as a leaf (scalars, atomic lists, maps and structs).</summary>
    public static bool IsLeaf(JsonNode? value, SchemaNode schema) => value switch
    {
        JsonObject => schema.Atomic || schema.Kind == SchemaKind.Scalar || schema.Kind == SchemaKind.List,
        JsonArray => schema.Kind != SchemaKind.List || schema.ListType == ListType.Atomic,
        _ => true,
    };

    /// <summary>Items of a non-atomic list indexed by path element; duplicates keep the first.</summary>
    public static List<(string Key, JsonNode? Item)> Index(SchemaNode list, JsonArray array)
    {
        var result = new List<(string, JsonNode?)>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            result.Add((ForItem(list, array[i], i), array[i]));
        }

        return result;
    }
}

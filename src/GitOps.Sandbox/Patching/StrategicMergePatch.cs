using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Patching;

/// <summary>
/// Strategic merge patch as kubectl sends it: lists with a patch merge key merge per item, primitive lists
/// with the merge strategy union, and the directives <c>$patch</c> (replace/delete/merge), <c>$retainKeys</c>,
/// <c>$setElementOrder/&lt;list&gt;</c> and <c>$deleteFromPrimitiveList/&lt;list&gt;</c> are honoured.
/// </summary>
internal static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string SetElementOrder = "$setElementOrder/";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";

    public static JsonObject Apply(JsonObject original, JsonObject patch, SchemaNode schema) =>
        MergeObject((JsonObject)original.DeepClone(), patch, schema) ?? new JsonObject();

    private static JsonObject? MergeObject(JsonObject target, JsonObject patch, SchemaNode schema)
    {
        switch ((string?)patch[Directive])
        {
            case "replace":
                return Clean(patch);
            case "delete":
                return null;
        }

        if (patch[RetainKeys] is JsonArray retained)
        {
            var keep = retained.Select(k => (string?)k).ToHashSet(StringComparer.Ordinal);
            foreach (var name in target.Select(p => p.Key).Where(n => !keep.Contains(n)).ToList())
            {
                target.Remove(name);
            }
        }

        foreach (var (name, value) in patch)
        {
            if (name is Directive or RetainKeys || name.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                var field = name[DeleteFromPrimitiveList.Length..];
                if (target[field] is JsonArray list && value is JsonArray doomed)
                {
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (doomed.Any(d => JsonNode.DeepEquals(d, list[i])))
                        {
                            list.RemoveAt(i);
                        }
                    }
                }

                continue;
            }

            if (value is null)
            {
                target.Remove(name);
                continue;
            }

            var childSchema = schema.Child(name);
            var existing = target[name];
            if (value is JsonObject patchObject && existing is JsonObject existingObject && !childSchema.Atomic)
            {
                var merged = MergeObject((JsonObject)existingObject.DeepClone(), patchObject, childSchema);
                if (merged is null)
                {
                    target.Remove(name);
                }
                else
                {
                    target[name] = merged;
                }
            }
            else if (value is JsonArray patchList && IsMergeList(childSchema))
            {
                target[name] = MergeList(existing as JsonArray ?? [], patchList, childSchema);
            }
            else if (value is JsonObject { } deletion && (string?)deletion[Directive] == "delete")
            {
                target.Remove(name);
            }
            else
            {
                target[name] = CleanNode(value);
            }
        }

        foreach (var (name, value) in patch.Where(p => p.Key.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var field = name[SetElementOrder.Length..];
            if (target[field] is JsonArray list && value is JsonArray order)
            {
                target[field] = Reorder(list, order, schema.Child(field).PatchMergeKey);
            }
        }

        return target;
    }

    private static bool IsMergeList(SchemaNode schema) =>
        schema.Kind == SchemaKind.List && schema.PatchStrategy?.Contains("merge", StringComparison.Ordinal) == true;

    private static JsonArray MergeList(JsonArray target, JsonArray patch, SchemaNode schema)
    {
        if (patch.OfType<JsonObject>().Any(item => (string?)item[Directive] == "replace"))
        {
            return new JsonArray(patch.Where(item => !(item is JsonObject o && o.ContainsKey(Directive))).Select(CleanNode).ToArray());
        }

        var result = (JsonArray)target.DeepClone();
        var key = schema.PatchMergeKey;
        foreach (var item in patch)
        {
            if (key is null || item is not JsonObject patchItem)
            {
                if (!result.Any(existing => JsonNode.DeepEquals(existing, item)))
                {
                    result.Add(CleanNode(item));
                }

                continue;
            }

            var index = IndexOf(result, key, patchItem[key]);
            if ((string?)patchItem[Directive] == "delete")
            {
                while (index >= 0)
                {
                    result.RemoveAt(index);
                    index = IndexOf(result, key, patchItem[key]);
                }

                continue;
            }

            if (index < 0)
            {
                result.Add(CleanNode(patchItem));
            }
            else
            {
                var merged = MergeObject((JsonObject)result[index]!.DeepClone(), patchItem, schema.ItemSchema);
                if (merged is null)
                {
                    result.RemoveAt(index);
                }
                else
                {
                    result[index] = merged;
                }
            }
        }

        return result;
    }

    /// <summary>Orders items as <c>$setElementOrder</c> lists them; items it does not mention keep their place after.</summary>
    private static JsonArray Reorder(JsonArray list, JsonArray order, string? key)
    {
        JsonNode? Identity(JsonNode? item) => key is not null && item is JsonObject obj ? obj[key] : item;
        var ranked = list.Select((item, position) =>
        {
            var rank = order.Select((o, i) => (o, i)).FirstOrDefault(pair => JsonNode.DeepEquals(Identity(pair.o), Identity(item)), (null, -1)).Item2;
            return (item, rank: rank < 0 ? int.MaxValue : rank, position);
        });
        return new JsonArray(ranked.OrderBy(r => r.rank).ThenBy(r => r.position).Select(r => r.item?.DeepClone()).ToArray());
    }

    private static int IndexOf(JsonArray list, string key, JsonNode? value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject obj && JsonNode.DeepEquals(obj[key], value))
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonNode? CleanNode(JsonNode? node) => node switch
    {
        JsonObject obj => Clean(obj),
        JsonArray array => new JsonArray(array.Where(i => !(i is JsonObject o && o.ContainsKey(Directive) && o.Count == 1)).Select(CleanNode).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>A patch fragment inserted as is loses its directives.</summary>
    private static JsonObject Clean(JsonObject obj)
    {
        var clean = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (name is Directive or RetainKeys || name.StartsWith(SetElementOrder, StringComparison.Ordinal)
                || name.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) || value is null)
            {
                continue;
            }

            clean[name] = CleanNode(value);
        }

        return clean;
    }
}

using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>
/// Merges an applied configuration into the live object as structured-merge-diff does: the configuration wins
/// on every field it sets, granular maps and structs merge per field, list-maps and sets merge per item
/// (keeping live order around the applied order), atomic values are replaced.
/// </summary>
internal static class ApplyMerge
{
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, SchemaNode schema)
    {
        if (config is null)
        {
            return null;
        }

        if (live is null || PathElements.IsLeaf(config, schema) || PathElements.IsLeaf(live, schema) || live.GetType() != config.GetType())
        {
            return config.DeepClone();
        }

        if (config is JsonArray configList)
        {
            return MergeList((JsonArray)live, configList, schema);
        }

        var configObject = (JsonObject)config;
        var result = new JsonObject();
        foreach (var (name, value) in (JsonObject)live)
        {
            result[name] = configObject.TryGetPropertyValue(name, out var applied) ? Merge(value, applied, schema.Child(name)) : value?.DeepClone();
        }

        foreach (var (name, value) in configObject)
        {
            if (!result.ContainsKey(name))
            {
                result[name] = value?.DeepClone();
            }
        }

        return result;
    }

    /// <summary>Port of structured-merge-diff's mergingWalker.visitListItems ordering.</summary>
    private static JsonArray MergeList(JsonArray live, JsonArray config, SchemaNode schema)
    {
        var left = Dedupe(PathElements.Index(schema, live));
        var right = Dedupe(PathElements.Index(schema, config));
        var leftByKey = left.ToDictionary(pair => pair.Key, pair => pair.Item, StringComparer.Ordinal);
        var rightByKey = right.ToDictionary(pair => pair.Key, pair => pair.Item, StringComparer.Ordinal);
        var sharedOrder = new Queue<string>(right.Select(pair => pair.Key).Where(leftByKey.ContainsKey));
        var nextShared = sharedOrder.Count > 0 ? sharedOrder.Dequeue() : null;
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var output = new JsonArray();
        var itemSchema = schema.ItemSchema;

        for (int l = 0, r = 0; l < left.Count || r < right.Count;)
        {
            if (l < left.Count && r < right.Count)
            {
                var key = left[l].Key;
                if (key == right[r].Key)
                {
                    merged.Add(key);
                    output.Add(Merge(left[l].Item, right[r].Item, itemSchema));
                    l++;
                    r++;
                    nextShared = sharedOrder.Count > 0 ? sharedOrder.Dequeue() : null;
                    continue;
                }

                if (rightByKey.ContainsKey(key) && nextShared is not null && nextShared != key)
                {
                    l++;
                    continue;
                }
            }

            if (l < left.Count)
            {
                var key = left[l].Key;
                if (!rightByKey.ContainsKey(key))
                {
                    output.Add(left[l].Item?.DeepClone());
                    l++;
                    continue;
                }

                if (merged.Contains(key))
                {
                    l++;
                    continue;
                }
            }

            if (r < right.Count)
            {
                var key = right[r].Key;
                merged.Add(key);
                output.Add(Merge(leftByKey.GetValueOrDefault(key), right[r].Item, itemSchema));
                r++;
                if (nextShared == key)
                {
                    nextShared = sharedOrder.Count > 0 ? sharedOrder.Dequeue() : null;
                }
            }
        }

        return output;
    }

    private static List<(string Key, JsonNode? Item)> Dedupe(List<(string Key, JsonNode? Item)> items)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return items.Where(pair => seen.Add(pair.Key)).ToList();
    }
}

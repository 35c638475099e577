using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>Which fields an edit added, modified and removed, as structured-merge-diff's Compare reports them.</summary>
internal sealed class Comparison(FieldSet added, FieldSet modified, FieldSet removed)
{
    private Comparison()
        : this(new FieldSet(), new FieldSet(), new FieldSet())
    {
    }

    public FieldSet Added { get; } = added;

    public FieldSet Modified { get; } = modified;

    public FieldSet Removed { get; } = removed;

    private FieldSet? changed;

    /// <summary>Added and modified fields: what other managers would lose or conflict on.</summary>
    public FieldSet Changed => changed ??= Added.Union(Modified);

    public static Comparison Of(JsonNode? before, JsonNode? after, SchemaNode schema)
    {
        var comparison = new Comparison();
        comparison.Walk(before, after, schema, [], exists: (before is not null || after is not null, before is not null, after is not null));
        return comparison;
    }

    private void Walk(JsonNode? left, JsonNode? right, SchemaNode schema, List<string> path, (bool Any, bool Left, bool Right) exists)
    {
        var leaf = (!exists.Left || PathElements.IsLeaf(left, schema)) && (!exists.Right || PathElements.IsLeaf(right, schema));
        var mismatched = left is not null && right is not null && ((left is JsonArray) != (right is JsonArray) || (left is JsonObject) != (right is JsonObject));
        if (leaf || mismatched)
        {
            if (!exists.Left)
            {
                Added.Insert(path);
            }
            else if (!exists.Right)
            {
                Removed.Insert(path);
            }
            else if (!JsonNode.DeepEquals(left, right))
            {
                Modified.Insert(path);
            }

            return;
        }

        if (left is JsonArray || right is JsonArray)
        {
            var leftItems = left is JsonArray la ? PathElements.Index(schema, la) : [];
            var rightItems = right is JsonArray ra ? PathElements.Index(schema, ra) : [];
            var rightByKey = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var (key, item) in rightItems)
            {
                rightByKey.TryAdd(key, item);
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (key, item) in leftItems)
            {
                if (seen.Add(key))
                {
                    var inRight = rightByKey.TryGetValue(key, out var other);
                    Descend(key, item, other, schema.ItemSchema, path, (true, true, inRight));
                }
            }

            foreach (var (key, item) in rightItems)
            {
                if (seen.Add(key))
                {
                    Descend(key, null, item, schema.ItemSchema, path, (true, false, true));
                }
            }
        }
        else
        {
            var leftObject = left as JsonObject;
            var rightObject = right as JsonObject;
            if (leftObject is not null)
            {
                foreach (var (name, value) in leftObject)
                {
                    var inRight = rightObject is not null && rightObject.TryGetPropertyValue(name, out var other);
                    Descend(PathElements.Field(name), value, inRight ? rightObject![name] : null, schema.Child(name), path, (true, true, inRight));
                }
            }

            if (rightObject is not null)
            {
                foreach (var (name, value) in rightObject)
                {
                    if (leftObject is null || !leftObject.ContainsKey(name))
                    {
                        Descend(PathElements.Field(name), null, value, schema.Child(name), path, (true, false, true));
                    }
                }
            }
        }

        if (!exists.Left)
        {
            Added.Insert(path);
        }
        else if (!exists.Right)
        {
            Removed.Insert(path);
        }
    }

    private void Descend(string key, JsonNode? left, JsonNode? right, SchemaNode schema, List<string> path, (bool, bool, bool) exists)
    {
        path.Add(key);
        Walk(left, right, schema, path, exists);
        path.RemoveAt(path.Count - 1);
    }
}

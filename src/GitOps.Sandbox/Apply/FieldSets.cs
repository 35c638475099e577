using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>The set of fields an object specifies, computed as structured-merge-diff's ToFieldSet does.</summary>
internal static class FieldSets
{
    public static FieldSet Of(JsonNode? value, SchemaNode schema)
    {
        var set = new FieldSet();
        Walk(value, schema, set);
        return set;
    }

    private static void Walk(JsonNode? value, SchemaNode schema, FieldSet at)
    {
        if (PathElements.IsLeaf(value, schema))
        {
            at.Member = true;
            return;
        }

        if (value is JsonArray array)
        {
            var items = PathElements.Index(schema, array);
            foreach (var (key, item) in items)
            {
                var child = at.GetOrAdd(key);
                Walk(item, schema.ItemSchema, child);
                child.Member = true;
            }

            return;
        }

        foreach (var (name, child) in (JsonObject)value!)
        {
            var childSet = at.GetOrAdd(PathElements.Field(name));
            var childSchema = schema.Child(name);
            Walk(child, childSchema, childSet);
            if (child is null || child is JsonObject { Count: 0 } || !schema.HasField(name))
            {
                childSet.Member = true;
            }
        }
    }
}

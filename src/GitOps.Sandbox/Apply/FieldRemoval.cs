using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>Removes the members of a field set from an object (a removed list item or map goes whole).</summary>
internal static class FieldRemoval
{
    public static void Remove(JsonNode? node, FieldSet toRemove, SchemaNode schema)
    {
        if (!toRemove.HasChildren)
        {
            return;
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in toRemove.Children.ToList())
                {
                    if (!key.StartsWith("f:", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var name = key[2..];
                    if (!obj.ContainsKey(name))
                    {
                        continue;
                    }

                    if (child.Member)
                    {
                        obj.Remove(name);
                    }
                    else
                    {
                        var childSchema = schema.Child(name);
                        Remove(obj[name], child, childSchema);
                        if (BecameEmptyCollection(obj[name], childSchema))
                        {
                            obj.Remove(name);
                        }
                    }
                }

                break;
            case JsonArray array when schema.Kind == SchemaKind.List && schema.ListType != ListType.Atomic:
                for (var i = array.Count - 1; i >= 0; i--)
                {
                    var child = toRemove.Find(PathElements.ForItem(schema, array[i], i));
                    if (child is null)
                    {
                        continue;
                    }

                    if (child.Member)
                    {
                        array.RemoveAt(i);
                    }
                    else
                    {
                        Remove(array[i], child, schema.ItemSchema);
                    }
                }

                break;
        }
    }

    /// <summary>Typed maps and lists are <c>omitempty</c> in Kubernetes, so emptied ones vanish on the round trip.</summary>
    private static bool BecameEmptyCollection(JsonNode? node, SchemaNode schema) =>
        (node is JsonObject { Count: 0 } && schema.Kind == SchemaKind.Map) || (node is JsonArray { Count: 0 } && schema.Kind == SchemaKind.List);
}

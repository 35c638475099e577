using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>Collects the definitions a set of schemas needs: the roots and everything they refer to.</summary>
internal static class SchemaClosure
{
    public static SortedDictionary<string, JsonObject> Of(IEnumerable<string> roots, Func<string, JsonObject?> schemaFor)
    {
        var found = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var pending = new Stack<string>(roots);
        while (pending.TryPop(out var name))
        {
            if (found.ContainsKey(name) || schemaFor(name) is not { } schema)
            {
                continue;
            }

            found[name] = schema;
            foreach (var reference in References(schema))
            {
                pending.Push(reference);
            }
        }

        return found;
    }

    private static IEnumerable<string> References(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    if (key == "$ref" && value is JsonValue referenceValue && referenceValue.TryGetValue<string>(out var reference))
                    {
                        yield return reference[(reference.LastIndexOf('/') + 1)..];
                    }

                    foreach (var nested in References(value))
                    {
                        yield return nested;
                    }
                }

                break;
            case JsonArray array:
                foreach (var nested in array.SelectMany(References))
                {
                    yield return nested;
                }

                break;
        }
    }
}

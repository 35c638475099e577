using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Api;

/// <summary>Reads integers from JSON nodes whether they were parsed (JsonElement) or built in code (int, long).</summary>
internal static class JsonNumbers
{
    public static long? AsLong(this JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        if (value.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (value.TryGetValue<int>(out var i))
        {
            return i;
        }

        if (value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out var e))
        {
            return e;
        }

        return null;
    }
}

using System.Text.Json.Nodes;
using k8s.Models;

namespace GitOps.Sandbox.Schema;

/// <summary>
/// Merge schemas for custom resources from a CRD version's <c>openAPIV3Schema</c>: declared properties are struct
/// fields, <c>x-kubernetes-list-type</c>/<c>-list-map-keys</c> and <c>x-kubernetes-map-type</c> decide how lists and
/// maps merge, and what the schema leaves open (preserved unknown fields) is deduced as server-side apply does.
/// </summary>
internal static class CrdSchemas
{
    public static SchemaNode For(JsonObject? openApiV3Schema)
    {
        var declared = openApiV3Schema?["properties"] as JsonObject;
        return SchemaNode.Struct(
            () =>
            {
                var fields = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
                foreach (var (name, property) in declared ?? [])
                {
                    fields[name] = Node(property as JsonObject);
                }

                fields["apiVersion"] = SchemaNode.Scalar;
                fields["kind"] = SchemaNode.Scalar;
                fields["metadata"] = ModelSchemas.For(typeof(V1ObjectMeta));
                return fields;
            },
            atomic: false);
    }

    private static SchemaNode Node(JsonObject? schema)
    {
        if (schema is null || (bool?)schema["x-kubernetes-int-or-string"] == true)
        {
            return schema is null ? SchemaNode.Untyped : SchemaNode.Scalar;
        }

        var atomicMap = (string?)schema["x-kubernetes-map-type"] == "atomic";
        switch ((string?)schema["type"])
        {
            case "object" when schema["properties"] is JsonObject properties:
                return SchemaNode.Struct(
                    () => properties.ToDictionary(pair => pair.Key, pair => Node(pair.Value as JsonObject), StringComparer.Ordinal),
                    atomicMap);
            case "object" when schema["additionalProperties"] is JsonObject values:
                return SchemaNode.Map(Node(values), atomicMap);
            case "object":
                return atomicMap ? SchemaNode.Map(SchemaNode.Untyped, atomic: true) : SchemaNode.Untyped;
            case "array":
                var listType = (string?)schema["x-kubernetes-list-type"] switch
                {
                    "map" => ListType.Map,
                    "set" => ListType.Set,
                    _ => ListType.Atomic,
                };
                var keys = (schema["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(k => (string?)k).OfType<string>().ToArray();
                return SchemaNode.List(Node(schema["items"] as JsonObject), listType, keys, null, null);
            default:
                return SchemaNode.Scalar;
        }
    }
}

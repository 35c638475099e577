using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Reduces OpenAPI v3 schemas (built-in definitions and CRD <c>openAPIV3Schema</c>s alike) to
/// <see cref="FieldShape"/>s, following <c>$ref</c>s through <paramref name="resolve"/>.
/// </summary>
internal sealed class SchemaShapeBuilder(Func<string, JsonObject?> resolve)
{
    private readonly Dictionary<string, FieldShape> byDefinition = new(StringComparer.Ordinal);

    /// <summary>The shape of a named definition; <see cref="FieldShape.Any"/> when it is unknown.</summary>
    public FieldShape ForDefinition(string name)
    {
        if (byDefinition.TryGetValue(name, out var known))
        {
            return known;
        }

        return resolve(name) is { } schema ? Build(schema, name) : FieldShape.Any;
    }

    /// <summary>The shape of an inline schema; <paramref name="definition"/> names it for recursive references.</summary>
    public FieldShape Build(JsonObject schema, string? definition = null)
    {
        if (ReferenceOf(schema) is { } reference)
        {
            return ForDefinition(reference);
        }

        var preserve = Flag(schema["x-kubernetes-preserve-unknown-fields"]);
        var embedded = Flag(schema["x-kubernetes-embedded-resource"]);
        if (Flag(schema["x-kubernetes-int-or-string"]))
        {
            return Remember(definition, FieldShape.Scalar);
        }

        var type = TextOf(schema["type"]);
        if (type == "array")
        {
            var array = Remember(definition, new FieldShape(ShapeKind.Array) { List = ListSemanticsOf(schema) });
            array.Element = schema["items"] is JsonObject items ? Build(items) : FieldShape.Any;
            return array;
        }

        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        if (properties is null && !embedded && (type == "object" || additional is not null))
        {
            if (additional is JsonObject valueSchema)
            {
                var map = Remember(definition, new FieldShape(ShapeKind.Map));
                map.Element = Build(valueSchema);
                return map;
            }

            return preserve || additional is JsonValue ? Remember(definition, FieldShape.Any) : Remember(definition, new FieldShape(ShapeKind.Object));
        }

        if (properties is null && !embedded)
        {
            return Remember(definition, preserve ? FieldShape.Any : FieldShape.Scalar);
        }

        var shape = Remember(definition, new FieldShape(ShapeKind.Object)
        {
            PreservesUnknownFields = preserve || additional is JsonObject || additional?.GetValueKind() == System.Text.Json.JsonValueKind.True,
            EmbeddedResource = embedded,
        });
        foreach (var (name, value) in properties ?? [])
        {
            shape.Properties[name] = value is JsonObject propertySchema ? Build(propertySchema) : FieldShape.Any;
        }

        if (embedded)
        {
            shape.Properties.TryAdd("apiVersion", FieldShape.Scalar);
            shape.Properties.TryAdd("kind", FieldShape.Scalar);
            shape.Properties.TryAdd("metadata", FieldShape.Any);
        }

        return shape;
    }

    private FieldShape Remember(string? definition, FieldShape shape)
    {
        if (definition is not null)
        {
            byDefinition[definition] = shape;
        }

        return shape;
    }

    /// <summary>The definition a schema points at, directly or through a single-entry <c>allOf</c>.</summary>
    public static string? ReferenceOf(JsonObject schema)
    {
        var reference = TextOf(schema["$ref"])
            ?? (schema["allOf"] is JsonArray { Count: 1 } allOf ? TextOf(allOf[0]?["$ref"]) : null);
        return reference?[(reference.LastIndexOf('/') + 1)..];
    }

    private static bool Flag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static string? TextOf(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static ListSemantics? ListSemanticsOf(JsonObject schema)
    {
        var listType = TextOf(schema["x-kubernetes-list-type"]);
        var mergeKey = TextOf(schema["x-kubernetes-patch-merge-key"]);
        var strategy = TextOf(schema["x-kubernetes-patch-strategy"]);
        if (listType is null && mergeKey is null && strategy is null)
        {
            return null;
        }

        var keys = schema["x-kubernetes-list-map-keys"] is JsonArray array
            ? array.Select(TextOf).OfType<string>().ToArray()
            : [];
        return new ListSemantics(listType ?? (keys.Length > 0 ? "map" : "atomic"), keys, mergeKey, strategy);
    }
}

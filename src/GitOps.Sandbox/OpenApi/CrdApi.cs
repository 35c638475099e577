using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>What one CustomResourceDefinition adds to the API: its served kinds, their schemas and shapes.</summary>
internal sealed class CrdApi
{
    private CrdApi(string name, List<ApiKind> kinds, Dictionary<string, JsonObject> schemas, Dictionary<(string, string), FieldShape> shapes)
    {
        Name = name;
        Kinds = kinds;
        Schemas = schemas;
        ShapesByKind = shapes;
    }

    public string Name { get; }

    public IReadOnlyList<ApiKind> Kinds { get; }

    public IReadOnlyDictionary<string, JsonObject> Schemas { get; }

    public IReadOnlyDictionary<(string ApiVersion, string Kind), FieldShape> ShapesByKind { get; }

    /// <summary>Reads an <c>apiextensions.k8s.io/v1</c> CustomResourceDefinition.</summary>
    /// <exception cref="ArgumentException">The CRD lacks a name, group, kind or plural.</exception>
    public static CrdApi From(JsonObject crd, BuiltInApi builtIns)
    {
        var name = Text(crd, "metadata", "name");
        var spec = crd["spec"] as JsonObject ?? throw new ArgumentException($"CustomResourceDefinition {name} has no spec.", nameof(crd));
        var group = Text(crd, "spec", "group");
        var kind = Text(crd, "spec", "names", "kind");
        var plural = Text(crd, "spec", "names", "plural");
        var listKind = Optional<string>((spec["names"] as JsonObject)?["listKind"]) ?? kind + "List";
        var namespaced = Optional<string>(spec["scope"]) != "Cluster";
        var legacyPreserve = Optional<bool>(spec["preserveUnknownFields"]);
        var reversedGroup = string.Join('.', group.Split('.').Reverse());

        var kinds = new List<ApiKind>();
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var served = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(version => version["served"] is not JsonValue served || !served.TryGetValue<bool>(out var isServed) || isServed)
            .Where(version => Optional<string>(version["name"]) is { Length: > 0 });
        foreach (var version in served)
        {
            var versionName = Optional<string>(version["name"])!;
            var definition = $"{reversedGroup}.{versionName}.{kind}";
            var listDefinition = $"{reversedGroup}.{versionName}.{listKind}";
            var source = (version["schema"] as JsonObject)?["openAPIV3Schema"] as JsonObject ?? (spec["validation"] as JsonObject)?["openAPIV3Schema"] as JsonObject;
            schemas[definition] = KindSchema(source, legacyPreserve, group, versionName, kind);
            schemas[listDefinition] = ListSchema(definition, group, versionName, listKind);
            kinds.Add(new ApiKind(group, versionName, kind, definition, plural, namespaced, StrategicMerge: false));
            kinds.Add(new ApiKind(group, versionName, listKind, listDefinition, null, namespaced, StrategicMerge: false));
        }

        var builder = new SchemaShapeBuilder(reference => schemas.GetValueOrDefault(reference) ?? builtIns.Schemas.GetValueOrDefault(reference));
        var shapes = kinds.ToDictionary(apiKind => (apiKind.ApiVersion, apiKind.Kind), apiKind => builder.ForDefinition(apiKind.Definition));
        return new CrdApi(name, kinds, schemas, shapes);
    }

    private static JsonObject KindSchema(JsonObject? source, bool preserveUnknown, string group, string version, string kind)
    {
        var schema = source?.DeepClone() as JsonObject ?? new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
        schema["type"] = "object";
        if (preserveUnknown)
        {
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }

        var properties = schema["properties"] as JsonObject ?? [];
        schema["properties"] = properties;
        properties["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" };
        properties["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" };
        properties["metadata"] = ModelSchemaGenerator.Ref(ModelDefinitionNames.ObjectMeta);
        schema["x-kubernetes-group-version-kind"] = Gvk(group, version, kind);
        return schema;
    }

    private static JsonObject ListSchema(string itemDefinition, string group, string version, string listKind) => new()
    {
        ["description"] = $"{listKind} is a list of {itemDefinition[(itemDefinition.LastIndexOf('.') + 1)..]}",
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["description"] = ApiVersionDescription, ["type"] = "string" },
            ["items"] = new JsonObject { ["items"] = ModelSchemaGenerator.Ref(itemDefinition), ["type"] = "array" },
            ["kind"] = new JsonObject { ["description"] = KindDescription, ["type"] = "string" },
            ["metadata"] = ModelSchemaGenerator.Ref(ModelDefinitionNames.ListMeta),
        },
        ["required"] = new JsonArray("items"),
        ["type"] = "object",
        ["x-kubernetes-group-version-kind"] = Gvk(group, version, listKind),
    };

    private static JsonArray Gvk(string group, string version, string kind) =>
        new(new JsonObject { ["group"] = group, ["kind"] = kind, ["version"] = version });

    private static T? Optional<T>(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<T>(out var typed) ? typed : default;

    private static string Text(JsonObject obj, params string[] path)
    {
        JsonNode? node = obj;
        foreach (var segment in path)
        {
            node = (node as JsonObject)?[segment];
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0
            ? text
            : throw new ArgumentException(
                $"CustomResourceDefinition {obj["metadata"]?["name"]?.ToString() ?? "(unnamed)"} has no {string.Join('.', path)}.", nameof(obj));
    }

    private const string ApiVersionDescription =
        "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.";

    private const string KindDescription =
        "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to.";
}

using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GitOps.Sandbox.Schema;
using k8s.Models;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Builds OpenAPI v3 schemas for the built-in kinds by reflecting over the KubernetesClient models
/// (nothing can be downloaded here). Every class with <see cref="KubernetesEntityAttribute"/> in a
/// stable version is a kind; property types map to schemas as Kubernetes publishes them.
/// </summary>
internal sealed partial class ModelSchemaGenerator
{
    public const string RefPrefix = "#/components/schemas/";

    // Not served by a real API server's OpenAPI either; discovery documents are not resources.
    private static readonly HashSet<string> SkippedGroups = ["apidiscovery.k8s.io"];

    private readonly Dictionary<string, JsonObject> schemas = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> definitionNames = [];
    private readonly List<ApiKind> kinds = [];

    private ModelSchemaGenerator()
    {
    }

    /// <summary>Generates every built-in kind's schema and the schemas they reference.</summary>
    public static (IReadOnlyDictionary<string, JsonObject> Schemas, IReadOnlyList<ApiKind> Kinds) Generate()
    {
        var generator = new ModelSchemaGenerator();
        generator.AddFixedDefinitions();
        var entities = typeof(V1Deployment).Assembly.GetTypes()
            .Where(type => type is { Namespace: "k8s.Models", IsClass: true, IsAbstract: false, IsGenericType: false })
            .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(entry => entry.Entity is { } entity && IsStable(entity.ApiVersion) && !SkippedGroups.Contains(entity.Group ?? ""))
            .Select(entry => (entry.Type, Entity: entry.Entity!))
            // Core kinds first: a type shared across groups is named after the first group that reaches it.
            .OrderBy(entry => string.IsNullOrEmpty(entry.Entity.Group) ? 0 : 1)
            .ThenBy(entry => entry.Entity.Group, StringComparer.Ordinal)
            .ThenBy(entry => entry.Type.Name, StringComparer.Ordinal);
        foreach (var (type, entity) in entities)
        {
            generator.AddKind(type, entity);
        }

        return (generator.schemas, generator.kinds);
    }

    private static bool IsStable(string? version) =>
        version is { Length: > 1 } && version[0] == 'v' && version[1..].All(char.IsAsciiDigit);

    private void AddKind(Type type, KubernetesEntityAttribute entity)
    {
        var group = entity.Group ?? "";
        var definition = DefinitionFor(type, group);
        var gvk = new JsonObject { ["group"] = group, ["kind"] = entity.Kind, ["version"] = entity.ApiVersion };
        var schema = schemas[definition];
        if (schema["x-kubernetes-group-version-kind"] is JsonArray existing)
        {
            existing.Add(gvk);
        }
        else
        {
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk);
        }

        var plural = !string.IsNullOrEmpty(entity.PluralName) && !entity.Kind.EndsWith("List", StringComparison.Ordinal)
            ? entity.PluralName
            : null;
        kinds.Add(new ApiKind(group, entity.ApiVersion, entity.Kind, definition, plural,
            !ClusterScopedKinds.Contains(entity.Kind), StrategicMerge: true));
    }

    /// <summary>The definition name for a model class, generating its schema on first sight.</summary>
    private string DefinitionFor(Type type, string contextGroup)
    {
        if (definitionNames.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = ModelDefinitionNames.For(type.Name, contextGroup)
            ?? throw new InvalidOperationException($"Model class {type.Name} has no Kubernetes definition name.");
        definitionNames[type] = name;
        var properties = new JsonObject();
        var schema = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (KubernetesModelDocs.For(type) is { } typeDescription)
        {
            schema["description"] = typeDescription;
        }

        if (MergeMetadata.IsAtomicStruct(type.Name))
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }

        schemas[name] = schema;
        var group = GroupOf(name, contextGroup);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(property => property.GetCustomAttribute<JsonIgnoreAttribute>() is null)
                     .Select(property => (Property: property, Json: property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name))
                     .Where(entry => entry.Json is not null)
                     .OrderBy(entry => entry.Json, StringComparer.Ordinal))
        {
            var propertySchema = PropertySchema(property.Property.PropertyType, group, type, property.Json!);
            if (KubernetesModelDocs.For(property.Property) is { } description)
            {
                propertySchema["description"] = description;
            }

            properties[property.Json!] = propertySchema;
        }

        return name;
    }

    // Types referenced from a core type stay in core unless they name another group themselves.
    private static string GroupOf(string definition, string contextGroup) =>
        definition.StartsWith("io.k8s.api.core.", StringComparison.Ordinal) ? "" : contextGroup;

    // The list, map and struct markers come from MergeMetadata, the table server-side apply merges by, so that what
    // the documents tell kubectl and what the sandbox does cannot drift apart.
    private JsonObject PropertySchema(Type type, string group, Type owner, string property)
    {
        if (ElementTypeOfList(type) is { } item)
        {
            var list = new JsonObject { ["type"] = "array", ["items"] = ValueSchema(item, group) };
            if (MergeMetadata.ForList(owner.Name, property) is { } info)
            {
                AddListExtensions(list, new ListSemantics(info.Type.ToString().ToLowerInvariant(), info.Keys, info.MergeKey, info.Strategy));
            }

            return list;
        }

        var schema = ValueSchema(type, group);
        if (MergeMetadata.IsAtomicMap(owner.Name, property))
        {
            schema["x-kubernetes-map-type"] = "atomic";
        }

        if (MergeMetadata.StructStrategy(owner.Name, property) is { } strategy)
        {
            schema["x-kubernetes-patch-strategy"] = strategy;
        }

        return schema;
    }

    private JsonObject ValueSchema(Type type, string group)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (Scalar(type) is { } scalar)
        {
            return scalar;
        }

        if (ValueTypeOfMap(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ValueSchema(value, group) };
        }

        if (ElementTypeOfList(type) is { } item)
        {
            return new JsonObject { ["type"] = "array", ["items"] = ValueSchema(item, group) };
        }

        if (type == typeof(object) || type == typeof(JsonElement) || typeof(JsonNode).IsAssignableFrom(type))
        {
            return new JsonObject { ["x-kubernetes-preserve-unknown-fields"] = true };
        }

        return Ref(DefinitionFor(type, group));
    }

    public static JsonObject Ref(string definition) =>
        new() { ["allOf"] = new JsonArray(new JsonObject { ["$ref"] = RefPrefix + definition }) };

    public static void AddListExtensions(JsonObject list, ListSemantics semantics)
    {
        list["x-kubernetes-list-type"] = semantics.ListType;
        if (semantics.MapKeys.Count > 0)
        {
            list["x-kubernetes-list-map-keys"] = new JsonArray([.. semantics.MapKeys.Select(key => JsonValue.Create(key))]);
        }

        if (semantics.PatchMergeKey is { } key)
        {
            list["x-kubernetes-patch-merge-key"] = key;
        }

        if (semantics.PatchStrategy is { } strategy)
        {
            list["x-kubernetes-patch-strategy"] = strategy;
        }
    }
}

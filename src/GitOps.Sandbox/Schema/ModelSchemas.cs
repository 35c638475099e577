using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Sandbox.Schema;

/// <summary>Builds merge schemas from the KubernetesClient model classes plus <see cref="MergeMetadata"/>.</summary>
internal static class ModelSchemas
{
    private static readonly ConcurrentDictionary<Type, SchemaNode> StructCache = new();

    public static SchemaNode For(Type modelType) => StructCache.GetOrAdd(modelType, BuildStruct);

    private static SchemaNode BuildStruct(Type type) =>
        SchemaNode.Struct(() => BuildFields(type), MergeMetadata.IsAtomicStruct(type.Name));

    private static Dictionary<string, SchemaNode> BuildFields(Type type)
    {
        var fields = new Dictionary<string, SchemaNode>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (jsonName is null)
            {
                continue;
            }

            fields[jsonName] = ForProperty(type.Name, jsonName, property.PropertyType);
        }

        return fields;
    }

    private static SchemaNode ForProperty(string declaringType, string field, Type propertyType)
    {
        var type = Nullable.GetUnderlyingType(propertyType) ?? propertyType;
        if (DictionaryValueType(type) is { } valueType)
        {
            return SchemaNode.Map(ForValue(valueType), MergeMetadata.IsAtomicMap(declaringType, field));
        }

        if (ListElementType(type) is { } elementType)
        {
            var info = MergeMetadata.ForList(declaringType, field);
            return SchemaNode.List(ForValue(elementType), info?.Type ?? ListType.Atomic, info?.Keys ?? [], info?.MergeKey, info?.Strategy);
        }

        var node = ForValue(type);
        return MergeMetadata.StructStrategy(declaringType, field) is { } strategy ? node.WithPatchStrategy(strategy) : node;
    }

    private static SchemaNode ForValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(object) || type == typeof(JsonElement))
        {
            return SchemaNode.Untyped;
        }

        if (IsModel(type))
        {
            return For(type);
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            return SchemaNode.Map(ForValue(valueType), atomic: false);
        }

        if (ListElementType(type) is { } elementType)
        {
            return SchemaNode.List(ForValue(elementType), ListType.Atomic, [], null, null);
        }

        return SchemaNode.Scalar;
    }

    /// <summary>Model classes are structs; IntOrString and ResourceQuantity serialize as scalars.</summary>
    private static bool IsModel(Type type) =>
        type.Namespace == "k8s.Models" && type.IsClass && type.Name is not ("IntOrString" or "ResourceQuantity")
        && type.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null);

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDictionary<,>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IDictionary<,>));
        return dictionary?.GetGenericArguments()[1];
    }

    private static Type? ListElementType(Type type)
    {
        if (type == typeof(string) || type == typeof(byte[]))
        {
            return null;
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IList<>));
        return list?.GetGenericArguments()[0];
    }
}

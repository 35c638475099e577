using k8s.Models;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitOps.Rendering.Import;

/// <summary>
/// Writes a manifest as a typed <c>k8s.Models</c> object initializer, walking the JSON and the model class side by
/// side so that fields appear in the order the author wrote them.
/// </summary>
internal static class TypedInitializer
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> PropertiesByJsonName = new();

    /// <summary>The initializer of a whole object; apiVersion and kind are left to the model class.</summary>
    public static string Object(JsonObject manifest, Type type) =>
        Initializer(new JsonObject(manifest.Where(pair => pair.Key is not ("apiVersion" or "kind"))
            .Select(pair => KeyValuePair.Create(pair.Key, pair.Value?.DeepClone()))), type);

    /// <summary>The C# expression for <paramref name="node"/> held in a member of type <paramref name="type"/>.</summary>
    public static string Value(JsonNode? node, Type type)
    {
        if (node is null)
        {
            return "null";
        }

        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return CSharpLiterals.String(Scalar<string>(node, type));
        }

        if (target == typeof(int) || target == typeof(long))
        {
            return CSharpLiterals.Integer(Scalar<long>(node, type));
        }

        if (target == typeof(double))
        {
            return CSharpLiterals.Double(Scalar<double>(node, type));
        }

        if (target == typeof(bool))
        {
            return CSharpLiterals.Bool(Scalar<bool>(node, type));
        }

        if (target == typeof(IntOrString))
        {
            return node.GetValueKind() == JsonValueKind.Number
                ? CSharpLiterals.Integer(Scalar<long>(node, type))
                : CSharpLiterals.String(Scalar<string>(node, type));
        }

        if (target == typeof(ResourceQuantity))
        {
            return CSharpLiterals.String(Scalar<string>(node, type));
        }

        if (target == typeof(byte[]))
        {
            return Bytes(Scalar<string>(node, type));
        }

        if (DictionaryValueType(target) is { } valueType && node is JsonObject map)
        {
            var entries = map.Where(pair => pair.Value is not null)
                .Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {Value(pair.Value, valueType)}")
                .ToList();
            return CSharpLiterals.Block($"new Dictionary<string, {CSharpLiterals.TypeName(valueType)}> {{", entries, "}", $"new Dictionary<string, {CSharpLiterals.TypeName(valueType)}>()");
        }

        if (ListItemType(target) is { } itemType && node is JsonArray list)
        {
            var items = list.Select(item => item is null ? throw new UnexpressibleException("a list holds a null item") : Value(item, itemType)).ToList();
            return CSharpLiterals.Block("[", items, "]", "[]");
        }

        if (target.IsClass && target.Namespace == typeof(V1Pod).Namespace && node is JsonObject nested)
        {
            return Initializer(nested, target);
        }

        throw new UnexpressibleException($"a {CSharpLiterals.TypeName(type)} field holding {node.GetValueKind()}");
    }

    /// <summary>The model property behind a JSON field name, or null when the class has none.</summary>
    public static PropertyInfo? Property(Type type, string jsonName) =>
        PropertiesByJsonName.GetOrAdd(type, Index).GetValueOrDefault(jsonName);

    public static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>))
            && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    public static Type? ListItemType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IList<>) || definition == typeof(List<>))
            ? type.GetGenericArguments()[0]
            : null;

    private static string Initializer(JsonObject map, Type type)
    {
        var members = new List<string>();
        foreach (var (key, value) in map)
        {
            if (value is null)
            {
                continue;
            }

            var property = Property(type, key) ?? throw new UnexpressibleException($"{type.Name} has no field '{key}'");
            members.Add($"{property.Name} = {Value(value, property.PropertyType)}");
        }

        var name = CSharpLiterals.TypeName(type);
        return CSharpLiterals.Block($"new {name} {{", members, "}", $"new {name}()");
    }

    private static string Bytes(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new UnexpressibleException("binary data that is not valid base64");
        }

        // Readable text when the bytes are UTF-8 that encodes back to exactly the same base64.
        var text = Encoding.UTF8.GetString(bytes);
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) == base64 && !text.Any(c => char.IsControl(c) && c is not ('\n' or '\t'))
            ? $"Encoding.UTF8.GetBytes({CSharpLiterals.String(text)})"
            : $"Convert.FromBase64String({CSharpLiterals.String(base64)})";
    }

    private static T Scalar<T>(JsonNode node, Type type)
    {
        try
        {
            // Numbers go through their JSON text: a YAML integer is a long node, but may sit in a double field.
            if (node.GetValueKind() == JsonValueKind.Number && typeof(T) != typeof(string))
            {
                return typeof(T) == typeof(long)
                    ? (T)(object)long.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
                    : (T)(object)double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
            }

            return node.GetValue<T>();
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or InvalidCastException)
        {
            throw new UnexpressibleException($"a {CSharpLiterals.TypeName(type)} field holding {node.GetValueKind()} {node.ToJsonString()}");
        }
    }

    private static IReadOnlyDictionary<string, PropertyInfo> Index(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.CanWrite)
            .GroupBy(property => property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name), StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
}

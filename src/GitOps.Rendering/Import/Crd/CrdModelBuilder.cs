using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import.Crd;

/// <summary>
/// Walks a CRD version's structural OpenAPI v3 schema and decides the C# shape: nested classes for objects with
/// properties, maps for <c>additionalProperties</c>, lists, enums for listed values, <c>IntOrString</c>, and JSON
/// nodes where the schema preserves unknown fields.
/// </summary>
internal sealed class CrdModelBuilder
{
    private readonly List<CrdClass> classes = [];
    private readonly List<CrdEnum> enums = [];
    private readonly HashSet<string> usedNames = new(StringComparer.Ordinal);
    private readonly string where;

    private CrdModelBuilder(string where) => this.where = where;

    public static CrdModel Build(JsonObject schema, string group, string version, string kind, string plural, string where)
    {
        var builder = new CrdModelBuilder(where);
        var rootName = Pascal(version) + Pascal(kind);
        builder.usedNames.Add(rootName);
        if ((string?)schema["type"] is not "object")
        {
            throw new ImportException($"{where}: the schema of {kind} is not structural: its root must have type: object.");
        }

        var properties = builder.Properties(schema, rootName, "", skip: ["apiVersion", "kind", "metadata"]);
        var root = new CrdClass(rootName, Text(schema["description"]), properties);
        return new CrdModel(group, version, kind, plural, root, builder.classes, builder.enums);
    }

    private List<CrdProperty> Properties(JsonObject schema, string owner, string path, IReadOnlyCollection<string> skip)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(item => (string?)item).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var result = new List<CrdProperty>();
        var names = new HashSet<string>(StringComparer.Ordinal) { owner };
        foreach (var (jsonName, node) in schema["properties"] as JsonObject ?? [])
        {
            if (skip.Contains(jsonName))
            {
                continue;
            }

            var property = node as JsonObject ?? throw new ImportException($"{where}: property {Join(path, jsonName)} has no schema.");
            var name = Pascal(jsonName);
            while (!names.Add(name))
            {
                name += "Value";
            }

            var type = TypeOf(property, owner + Pascal(jsonName), Join(path, jsonName));
            result.Add(new CrdProperty(jsonName, name, type, Text(property["description"]), required.Contains(jsonName), enums.Any(e => e.Name == type)));
        }

        return result;
    }

    private string TypeOf(JsonObject schema, string hint, string path)
    {
        if (schema["x-kubernetes-int-or-string"]?.GetValue<bool>() == true)
        {
            return "IntOrString";
        }

        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        var type = (string?)schema["type"];
        switch (type)
        {
            case null when preserve:
                return "JsonNode";
            case null:
                throw new ImportException($"{where}: the schema is not structural: {path} has no type (and is neither x-kubernetes-int-or-string nor x-kubernetes-preserve-unknown-fields).");
            case "string" when schema["enum"] is JsonArray values && values.Count > 0 && values.All(JsonTrees.IsString):
                return Enum(hint, schema, values.Select(value => (string)value!).ToList());
            case "string":
                return "string";
            case "integer":
                return (string?)schema["format"] == "int32" ? "int" : "long";
            case "number":
                return "double";
            case "boolean":
                return "bool";
            case "array":
                var items = schema["items"] as JsonObject ?? throw new ImportException($"{where}: the schema is not structural: array {path} has no items schema.");
                return $"IList<{TypeOf(items, hint, path + "[]")}>";
            case "object" when schema["properties"] is JsonObject { Count: > 0 }:
                var name = Unique(hint);
                var properties = Properties(schema, name, path, []);
                classes.Add(new CrdClass(name, Text(schema["description"]), properties));
                return name;
            case "object" when schema["additionalProperties"] is JsonObject values:
                return $"IDictionary<string, {TypeOf(values, hint + "Value", path + ".*")}>";
            case "object" when schema["additionalProperties"]?.GetValueKind() == System.Text.Json.JsonValueKind.True:
                return "IDictionary<string, JsonNode>";
            case "object":
                return "JsonObject";
            default:
                throw new ImportException($"{where}: {path} has type '{type}', which OpenAPI v3 schemas do not define.");
        }
    }

    private string Enum(string hint, JsonObject schema, List<string> values)
    {
        var name = Unique(hint);
        var members = new List<(string, string)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            var member = Pascal(value);
            if (member.Length == 0 || char.IsDigit(member[0]))
            {
                member = "Value" + member;
            }

            while (!used.Add(member))
            {
                member += "_";
            }

            members.Add((member, value));
        }

        enums.Add(new CrdEnum(name, Text(schema["description"]), members));
        return name;
    }

    private string Unique(string name)
    {
        var candidate = name;
        for (var i = 2; !usedNames.Add(candidate); i++)
        {
            candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }

    /// <summary><c>tls-secret.name</c> becomes <c>TlsSecretName</c>: letters and digits, each word capitalised.</summary>
    public static string Pascal(string text)
    {
        var result = new StringBuilder();
        var upper = true;
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                result.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else
            {
                upper = true;
            }
        }

        return result.ToString();
    }

    private static string? Text(JsonNode? node) => JsonTrees.IsString(node) ? (string)node! : null;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

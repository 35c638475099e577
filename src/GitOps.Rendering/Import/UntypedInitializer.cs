using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Writes a manifest as a <c>CustomObject</c>: apiVersion, kind and name, metadata as properties where it is the
/// plain kind, the rest as nested maps and lists that render exactly as given.
/// </summary>
internal static class UntypedInitializer
{
    private static readonly HashSet<string> PlainMetadata = new(StringComparer.Ordinal) { "name", "namespace", "labels", "annotations" };

    public static string Object(JsonObject manifest, bool clusterScoped)
    {
        var metadata = (JsonObject)manifest["metadata"]!;
        var members = new List<string>();
        var plain = metadata.All(pair => pair.Value is null || PlainMetadata.Contains(pair.Key))
            && StringMap(metadata["labels"]) && StringMap(metadata["annotations"])
            && metadata["labels"] is not JsonObject { Count: 0 } && metadata["annotations"] is not JsonObject { Count: 0 } && JsonTrees.IsString(metadata["namespace"] ?? JsonValue.Create(""));
        if (plain)
        {
            if ((string?)metadata["namespace"] is { } ns)
            {
                members.Add($"Namespace = {CSharpLiterals.String(ns)}");
            }

            foreach (var field in new[] { "labels", "annotations" })
            {
                if (metadata[field] is JsonObject { Count: > 0 } map)
                {
                    var entries = map.Where(pair => pair.Value is not null)
                        .Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String((string)pair.Value!)}").ToList();
                    members.Add($"{char.ToUpperInvariant(field[0])}{field[1..]} = {CSharpLiterals.Block("{", entries, "}", "{ }")}");
                }
            }
        }

        if (clusterScoped)
        {
            members.Add("ClusterScoped = true");
        }

        if (manifest["spec"] is JsonObject spec)
        {
            members.Add($"Spec = {Value(spec)}");
        }

        var fields = manifest
            .Where(pair => pair.Value is not null && pair.Key is not ("apiVersion" or "kind") && !(pair.Key == "metadata" && plain) && !(pair.Key == "spec" && pair.Value is JsonObject))
            .Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {Value(pair.Value)}")
            .ToList();
        if (fields.Count > 0)
        {
            members.Add($"Fields = {CSharpLiterals.Block("{", fields, "}", "{ }")}");
        }

        var head = $"new CustomObject({CSharpLiterals.String((string)manifest["apiVersion"]!)}, {CSharpLiterals.String((string)manifest["kind"]!)}, {CSharpLiterals.String((string)metadata["name"]!)})";
        return CSharpLiterals.Block($"{head} {{", members, "}", head);
    }

    /// <summary>A plain value for a <c>CustomObject</c> map: strings, numbers, booleans, maps and lists.</summary>
    public static string Value(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject map => CSharpLiterals.Block(
            "new Dictionary<string, object> {",
            map.Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {Value(pair.Value)}").ToList(),
            "}",
            "new Dictionary<string, object>()"),
        JsonArray list => CSharpLiterals.Block("new List<object> {", list.Select(Value).ToList(), "}", "new List<object>()"),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => CSharpLiterals.String(value.GetValue<string>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number when long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) => CSharpLiterals.Integer(number),
            JsonValueKind.Number => CSharpLiterals.Double(double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)),
            _ => "null",
        },
        _ => throw new UnexpressibleException($"an unexpected JSON node {node.GetType().Name}"),
    };

    private static bool StringMap(JsonNode? node) =>
        node is null || (node is JsonObject map && map.All(pair => pair.Value is null || JsonTrees.IsString(pair.Value)));
}

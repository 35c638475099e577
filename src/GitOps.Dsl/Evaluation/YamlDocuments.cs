using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Dsl;

/// <summary>
/// Reads a multi-document YAML manifest into plain JSON, resolving unquoted scalars the way kubectl's YAML 1.1
/// reader does (so <c>80</c> stays a number, <c>"80"</c> a string, <c>yes</c> a boolean).
/// </summary>
internal static partial class YamlDocuments
{
    public static IReadOnlyList<JsonObject> Load(string path) => Load(path, path);

    /// <summary>Reads <paramref name="path"/>; errors name it as <paramref name="displayPath"/> (e.g. repository-relative).</summary>
    public static IReadOnlyList<JsonObject> Load(string path, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new DslException($"{displayPath}({e.Start.Line},{e.Start.Column}): invalid YAML: {e.Message}", e);
        }

        var objects = new List<JsonObject>();
        foreach (var document in stream.Documents)
        {
            if (Convert(document.RootNode) is JsonObject json)
            {
                objects.Add(json);
            }
            else if (document.RootNode is not YamlScalarNode { Value: null or "" })
            {
                throw new DslException($"{displayPath}({document.RootNode.Start.Line},{document.RootNode.Start.Column}): a manifest document must be a map with apiVersion and kind.");
            }
        }

        return objects;
    }

    /// <summary>One YAML node as plain JSON, scalars typed as kubectl's YAML 1.1 reader types them.</summary>
    public static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", Convert(pair.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y" => JsonValue.Create(true),
            "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N" => JsonValue.Create(false),
            _ when DecimalInteger().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ when DecimalFloat().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(value),
        };
    }

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex DecimalInteger();

    [GeneratedRegex(@"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex DecimalFloat();
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Sandbox.Api;

/// <summary>Parses request bodies: JSON, or YAML (apply patches) resolved with the YAML 1.2 core schema as Kubernetes does.</summary>
internal static class Manifests
{
    public static JsonNode? Parse(byte[] body, bool yaml)
    {
        var text = Encoding.UTF8.GetString(body);
        if (!yaml || text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                return FromElement(document.RootElement);
            }
            catch (JsonException error)
            {
                throw ApiException.BadRequest($"error decoding JSON body: {error.Message}");
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException error)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: yaml: line {error.Start.Line}: {error.Message}");
        }
    }

    public static JsonObject ParseObject(byte[] body, bool yaml) =>
        Parse(body, yaml) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");

    /// <summary>
    /// Builds a fully materialized node (safe to share between threads once stored); a repeated key keeps its
    /// last value, as Go's decoder does when field validation lets duplicates through.
    /// </summary>
    private static JsonNode? FromElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = FromElement(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                return new JsonArray(element.EnumerateArray().Select(FromElement).ToArray());
            case JsonValueKind.String:
                return JsonValue.Create(element.GetString());
            case JsonValueKind.Number:
                return element.TryGetInt64(out var integer) ? JsonValue.Create(integer) : JsonValue.Create(element.GetDouble());
            case JsonValueKind.True:
                return JsonValue.Create(true);
            case JsonValueKind.False:
                return JsonValue.Create(false);
            default:
                return null;
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", Convert(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (scalar.Style is not ScalarStyle.Plain || tag == "tag:yaml.org,2002:str")
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(value[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (value.Any(char.IsDigit) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && value.All(c => char.IsDigit(c) || c is '.' or '-' or '+' or 'e' or 'E'))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }
}

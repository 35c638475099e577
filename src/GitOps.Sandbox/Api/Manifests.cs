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
                return LastKeyWins.ParseJson(text);
            }
            catch (JsonException error)
            {
                throw ApiException.BadRequest($"error decoding JSON body: {error.Message}");
            }
        }

        try
        {
            return LastKeyWins.ParseYaml(text, Scalar);
        }
        catch (YamlException error)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: yaml: line {error.Start.Line}: {error.Message}");
        }
        catch (InvalidOperationException error)
        {
            // YamlDotNet's scanner reports some malformed input (an unclosed flow sequence) this way.
            throw ApiException.BadRequest($"error converting YAML to JSON: yaml: {error.Message}");
        }
    }

    public static JsonObject ParseObject(byte[] body, bool yaml) =>
        Parse(body, yaml) as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");

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

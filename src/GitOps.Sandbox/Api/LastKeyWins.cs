using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GitOps.Sandbox.Api;

/// <summary>
/// Parses request bodies the way Go's decoders do when not strict: a key repeated in one mapping keeps its last
/// value instead of failing the parse, so that <c>fieldValidation</c> can report it as kube-apiserver does
/// (<see cref="OpenApi.DuplicateFields"/>).
/// </summary>
internal static class LastKeyWins
{
    /// <exception cref="JsonException">The text is not JSON.</exception>
    public static JsonNode? ParseJson(string text)
    {
        using var document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return FromElement(document.RootElement);
    }

    private static JsonNode? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => ObjectFrom(element),
        JsonValueKind.Array => new JsonArray([.. element.EnumerateArray().Select(FromElement)]),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => JsonValue.Create(element.GetString()),
        JsonValueKind.True => JsonValue.Create(true),
        JsonValueKind.False => JsonValue.Create(false),
        _ => Number(element),
    };

    /// <summary>
    /// Primitive-backed values: an element-backed value copies its whole document on every clone, which made
    /// each apply's merge, comparison and field-set walks several times slower.
    /// </summary>
    private static JsonValue Number(JsonElement element) =>
        element.TryGetInt64(out var integer) ? JsonValue.Create(integer)
        : element.TryGetDecimal(out var exact) ? JsonValue.Create(exact)
        : JsonValue.Create(element.GetDouble());

    private static JsonObject ObjectFrom(JsonElement element)
    {
        var obj = new JsonObject();
        foreach (var property in element.EnumerateObject())
        {
            obj[property.Name] = FromElement(property.Value);
        }

        return obj;
    }

    /// <summary>The first YAML document, with scalars resolved by <paramref name="scalar"/>; null for an empty stream.</summary>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static JsonNode? ParseYaml(string text, Func<YamlScalarNode, JsonNode?> scalar)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (!parser.TryConsume<DocumentStart>(out _))
        {
            return null;
        }

        var anchors = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        return ReadNode(parser, scalar, anchors);
    }

    private static JsonNode? ReadNode(IParser parser, Func<YamlScalarNode, JsonNode?> scalar, Dictionary<string, JsonNode?> anchors)
    {
        switch (parser.Consume<ParsingEvent>())
        {
            case AnchorAlias alias:
                return anchors.TryGetValue(alias.Value.Value, out var anchored)
                    ? anchored?.DeepClone()
                    : throw new YamlException(alias.Start, alias.End, $"unknown anchor '{alias.Value}'");
            case Scalar value:
                return Remember(value, scalar(new YamlScalarNode(value.Value) { Style = value.Style, Tag = value.Tag }), anchors);
            case SequenceStart sequence:
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, scalar, anchors));
                }

                return Remember(sequence, array, anchors);
            case MappingStart mapping:
                var obj = new JsonObject();
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = ReadNode(parser, scalar, anchors)?.ToString() ?? "";
                    obj[key] = ReadNode(parser, scalar, anchors);
                }

                return Remember(mapping, obj, anchors);
            default:
                return null;
        }
    }

    private static JsonNode? Remember(NodeEvent node, JsonNode? value, Dictionary<string, JsonNode?> anchors)
    {
        if (!node.Anchor.IsEmpty)
        {
            anchors[node.Anchor.Value] = value?.DeepClone();
        }

        return value;
    }
}

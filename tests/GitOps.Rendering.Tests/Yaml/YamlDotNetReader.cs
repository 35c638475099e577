using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace GitOps.Rendering.Tests.Yaml;

/// <summary>Reads YAML back with YamlDotNet, as an independent parser, into JSON nodes that tests can compare.</summary>
internal static class YamlDotNetReader
{
    private static readonly IDeserializer Untyped = new DeserializerBuilder().Build();

    private static readonly IDeserializer Typed = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();

    /// <summary>Every scalar as its text (numbers and booleans too); null scalars as null.</summary>
    public static JsonNode? ReadAsText(string yaml) => ToNode(Untyped.Deserialize<object?>(yaml));

    /// <summary>The plain objects YamlDotNet makes when it resolves unquoted scalars to numbers, booleans and nulls.</summary>
    public static object? ReadResolvingTypes(string yaml) => Typed.Deserialize<object?>(yaml);

    /// <summary>What <see cref="ReadAsText"/> should give for a JSON tree written canonically: null map entries dropped.</summary>
    public static JsonNode? Expected(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => new JsonObject(map.Where(entry => entry.Value is not null)
            .Select(entry => KeyValuePair.Create(entry.Key, Expected(entry.Value)))),
        JsonArray list => new JsonArray(list.Select(Expected).ToArray()),
        JsonValue value => value.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? JsonValue.Create(value.GetValue<string>())
            : JsonValue.Create(value.ToJsonString()),
        _ => throw new ArgumentException(node.GetType().Name),
    };

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        IDictionary<object, object?> map => new JsonObject(map.Select(entry => KeyValuePair.Create((string)entry.Key, ToNode(entry.Value)))),
        IList<object?> list => new JsonArray(list.Select(ToNode).ToArray()),
        _ => throw new ArgumentException($"Unexpected YAML value type {value.GetType().Name}"),
    };
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Walks one JSON tree and writes it as block-style YAML: maps as <c>key: value</c>, nested collections indented by
/// two spaces (lists under a key too), list items as <c>- </c> with a map's first entry on the dash line.
/// </summary>
internal sealed class YamlDocumentWriter
{
    private const int MaxImplicitKeyLength = 1024;
    private const string MetadataKey = "metadata";

    private readonly StringBuilder output = new();
    // Keys and list indexes down to the node being written; only formatted when an error needs to name the path.
    private readonly List<(string? Key, int Index)> path = [];

    public string Write(JsonNode? root)
    {
        switch (Normalize(root))
        {
            case JsonObject map when HasEntries(map):
                WriteMap(map, 0, CanonicalKeyOrder.ForRoot, firstLineStarted: false, endsDocument: true);
                break;
            case JsonArray list when list.Count > 0:
                WriteList(list, 0, firstLineStarted: false, endsDocument: true);
                break;
            case var other:
                output.Append(Scalar(other, blockIndent: 2, endsDocument: true)).Append('\n');
                break;
        }

        return output.ToString();
    }

    private void WriteMap(JsonObject map, int indent, IComparer<string> keyOrder, bool firstLineStarted, bool endsDocument)
    {
        var entries = new List<KeyValuePair<string, JsonNode>>(map.Count);
        foreach (var (key, value) in map)
        {
            if (Normalize(value) is { } present)
            {
                entries.Add(KeyValuePair.Create(key, present));
            }
        }

        // Keys in a JSON object are unique, so an unstable sort still gives one order.
        entries.Sort((x, y) => keyOrder.Compare(x.Key, y.Key));
        for (var i = 0; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            path.Add((key, 0));
            if (i > 0 || !firstLineStarted)
            {
                output.Append(' ', indent);
            }

            output.Append(FormatKey(key)).Append(':');
            var last = endsDocument && i == entries.Count - 1;
            switch (value)
            {
                case JsonObject child when HasEntries(child):
                    output.Append('\n');
                    var childOrder = key == MetadataKey ? CanonicalKeyOrder.ForMetadata : CanonicalKeyOrder.Ordinal;
                    WriteMap(child, indent + 2, childOrder, firstLineStarted: false, last);
                    break;
                case JsonArray child when child.Count > 0:
                    output.Append('\n');
                    WriteList(child, indent + 2, firstLineStarted: false, last);
                    break;
                default:
                    output.Append(' ').Append(Scalar(value, indent + 2, last)).Append('\n');
                    break;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private void WriteList(JsonArray list, int indent, bool firstLineStarted, bool endsDocument)
    {
        for (var i = 0; i < list.Count; i++)
        {
            path.Add((null, i));
            if (i > 0 || !firstLineStarted)
            {
                output.Append(' ', indent);
            }

            output.Append("- ");
            var last = endsDocument && i == list.Count - 1;
            switch (Normalize(list[i]))
            {
                case JsonObject item when HasEntries(item):
                    WriteMap(item, indent + 2, CanonicalKeyOrder.Ordinal, firstLineStarted: true, last);
                    break;
                case JsonArray item when item.Count > 0:
                    WriteList(item, indent + 2, firstLineStarted: true, last);
                    break;
                case var item:
                    output.Append(Scalar(item, indent + 2, last)).Append('\n');
                    break;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private string Scalar(JsonNode? node, int blockIndent, bool endsDocument) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => ScalarFormatter.Value(CheckedText(StringOf(value)), blockIndent, endsDocument),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => NumberText(value),
        },
        _ => throw new ArgumentException($"{PathText()}: unsupported JSON node {node.GetType().Name}."),
    };

    private string FormatKey(string key)
    {
        CheckedText(key);
        if (key.Length > MaxImplicitKeyLength)
        {
            throw new ArgumentException(
                $"{PathText()}: map key is {key.Length} characters long; YAML allows at most {MaxImplicitKeyLength} in a key.");
        }

        return ScalarFormatter.Key(key);
    }

    private string CheckedText(string text)
    {
        var index = YamlCharacters.IndexOfUnpairedSurrogate(text);
        if (index >= 0)
        {
            throw new ArgumentException(
                $"{PathText()}: string has an unpaired UTF-16 surrogate at index {index}, which has no UTF-8 form.");
        }

        return text;
    }

    private string PathText()
    {
        if (path.Count == 0)
        {
            return "(root)";
        }

        var text = new StringBuilder();
        foreach (var (key, index) in path)
        {
            if (key is null)
            {
                text.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                text.Append(text.Length > 0 ? "." : "").Append(key);
            }
        }

        return text.ToString();
    }

    private static bool HasEntries(JsonObject map)
    {
        foreach (var (_, value) in map)
        {
            if (Normalize(value) is not null)
            {
                return true;
            }
        }

        return false;
    }

    // The JSON text of a number: raw text for parsed JSON (so 1.50 stays 1.50), invariant digits for CLR integers;
    // ToJsonString, which spins up a JSON writer per call, only for the rest.
    private static string NumberText(JsonValue value) =>
        value.TryGetValue<JsonElement>(out var element) ? element.GetRawText()
        : value.TryGetValue<int>(out var small) ? small.ToString(CultureInfo.InvariantCulture)
        : value.TryGetValue<long>(out var large) ? large.ToString(CultureInfo.InvariantCulture)
        : value.ToJsonString();

    private static string StringOf(JsonValue value)
    {
        if (value.TryGetValue<string>(out var text))
        {
            return text;
        }

        // Values wrapping other CLR types (DateTime, Guid, char, enums) serialise to a JSON string: read that back.
        using var document = JsonDocument.Parse(value.ToJsonString());
        return document.RootElement.GetString()!;
    }

    // A JsonValue may wrap a JsonElement or CLR value that is itself null; it is dropped like a null node.
    private static JsonNode? Normalize(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.Null or JsonValueKind.Undefined ? null : node;
}

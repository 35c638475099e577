using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// Serialises request bodies to UTF-8. Long strings (the inventory's member list: one line per object) are written
/// in segments: <see cref="Utf8JsonWriter"/> escapes a whole string value through a pooled buffer six times its
/// length, and the shared array pool then keeps a buffer of that size on every thread that wrote one.
/// </summary>
internal static class JsonBody
{
    /// <summary>Characters per segment; the escaping buffer of a segment is small and taken from the stack or a small pool bucket.</summary>
    internal const int SegmentLength = 2048;

    public static ReadOnlyMemory<byte> Serialize(JsonNode body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, body);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>The body as one parsed document of its own: compact, and independent of the nodes it was made from.</summary>
    public static JsonElement ToElement(JsonNode body) => JsonSerializer.Deserialize<JsonElement>(Serialize(body).Span);

    private static void Write(Utf8JsonWriter writer, JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                writer.WriteStartObject();
                foreach (var (name, value) in obj)
                {
                    writer.WritePropertyName(name);
                    Write(writer, value);
                }

                writer.WriteEndObject();
                break;
            case JsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is { Length: > SegmentLength } text:
                WriteSegmented(writer, text);
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                node.WriteTo(writer);
                break;
        }
    }

    private static void WriteSegmented(Utf8JsonWriter writer, string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var length = Math.Min(SegmentLength, text.Length - start);

            // Keep a surrogate pair in one segment.
            if (start + length < text.Length && char.IsHighSurrogate(text[start + length - 1]))
            {
                length--;
            }

            writer.WriteStringValueSegment(text.AsSpan(start, length), isFinalSegment: start + length == text.Length);
            start += length;
        }
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Encodes the Swagger 2.0 document as gnostic's <c>openapi.v2.Document</c> protobuf, the only form client-go asks
/// <c>/openapi/v2</c> for. kubectl falls back to it where OpenAPI v3 cannot serve (client-side validation of a
/// <c>kind: List</c>, v2 explain). Only what those readers use is encoded: definitions (type, format, description,
/// required, $ref, items, properties, additionalProperties, vendor extensions) and each operation's consumes,
/// operationId and vendor extensions. Field numbers are those of gnostic's OpenAPIv2.proto.
/// </summary>
internal static class OpenApiV2Protobuf
{
    /// <summary>
    /// The response type. Clients still ask for the older <c>...spec.v2@v1.0+protobuf</c>, but '@' is not valid in a
    /// media type and Go's parser rejects it in a Content-Type, so kube-openapi answers with this spelling.
    /// </summary>
    public const string ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch"];

    public static byte[] Encode(JsonObject document)
    {
        var message = new Message();
        message.String(1, Text(document["swagger"]));
        if (document["info"] is JsonObject info)
        {
            message.Nested(2, new Message().String(1, Text(info["title"])).String(2, Text(info["version"])));
        }

        if (document["paths"] is JsonObject paths)
        {
            var pathsMessage = new Message();
            foreach (var (path, item) in paths)
            {
                pathsMessage.Nested(2, new Message().String(1, path).Nested(2, PathItem(item as JsonObject ?? [])));
            }

            message.Nested(8, pathsMessage);
        }

        if (document["definitions"] is JsonObject definitions)
        {
            var definitionsMessage = new Message();
            foreach (var (name, schema) in definitions)
            {
                definitionsMessage.Nested(1, new Message().String(1, name).Nested(2, Schema(schema as JsonObject ?? [])));
            }

            message.Nested(9, definitionsMessage);
        }

        return message.ToArray();
    }

    private static Message PathItem(JsonObject item)
    {
        var message = new Message();
        for (var index = 0; index < Methods.Length; index++)
        {
            if (item[Methods[index]] is JsonObject operation)
            {
                message.Nested(index + 2, Operation(operation));
            }
        }

        return message;
    }

    private static Message Operation(JsonObject operation)
    {
        var message = new Message();
        foreach (var tag in Strings(operation["tags"]))
        {
            message.String(1, tag);
        }

        message.String(3, Text(operation["description"])).String(5, Text(operation["operationId"]));
        foreach (var produced in Strings(operation["produces"]))
        {
            message.String(6, produced);
        }

        foreach (var consumed in Strings(operation["consumes"]))
        {
            message.String(7, consumed);
        }

        return VendorExtensions(message, 13, operation);
    }

    private static Message Schema(JsonObject schema)
    {
        var message = new Message()
            .String(1, Text(schema["$ref"]))
            .String(2, Text(schema["format"]))
            .String(4, Text(schema["description"]));
        foreach (var required in Strings(schema["required"]))
        {
            message.String(19, required);
        }

        switch (schema["additionalProperties"])
        {
            case JsonObject valueSchema:
                message.Nested(21, new Message().Nested(1, Schema(valueSchema)));
                break;
            case JsonValue flag when flag.TryGetValue<bool>(out var allowed):
                message.Nested(21, new Message().Bool(2, allowed));
                break;
        }

        if (Text(schema["type"]) is { } type)
        {
            message.Nested(22, new Message().String(1, type));
        }

        if (schema["items"] is JsonObject items)
        {
            message.Nested(23, new Message().Nested(1, Schema(items)));
        }

        foreach (var part in (schema["allOf"] as JsonArray ?? []).OfType<JsonObject>())
        {
            message.Nested(24, Schema(part));
        }

        if (schema["properties"] is JsonObject properties)
        {
            var propertiesMessage = new Message();
            foreach (var (name, property) in properties)
            {
                propertiesMessage.Nested(1, new Message().String(1, name).Nested(2, Schema(property as JsonObject ?? [])));
            }

            message.Nested(25, propertiesMessage);
        }

        return VendorExtensions(message, 31, schema);
    }

    // gnostic keeps each extension's value as YAML text (Any.yaml); JSON is YAML, and kube-openapi parses it back.
    private static Message VendorExtensions(Message message, int field, JsonObject owner)
    {
        foreach (var (name, value) in owner.Where(pair => pair.Key.StartsWith("x-", StringComparison.Ordinal)))
        {
            message.Nested(field, new Message().String(1, name).Nested(2, new Message().String(2, value?.ToJsonString() ?? "null")));
        }

        return message;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(Text).OfType<string>();

    /// <summary>A protobuf message being written: fields in order, nested messages length-prefixed.</summary>
    private sealed class Message
    {
        private readonly List<byte> bytes = [];

        public Message String(int field, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                LengthDelimited(field, Encoding.UTF8.GetBytes(value));
            }

            return this;
        }

        public Message Bool(int field, bool value)
        {
            Varint((ulong)(field << 3));
            Varint(value ? 1UL : 0UL);
            return this;
        }

        public Message Nested(int field, Message message)
        {
            LengthDelimited(field, message.ToArray());
            return this;
        }

        public byte[] ToArray() => bytes.ToArray();

        private void LengthDelimited(int field, byte[] payload)
        {
            Varint((ulong)((field << 3) | 2));
            Varint((ulong)payload.Length);
            bytes.AddRange(payload);
        }

        private void Varint(ulong value)
        {
            while (value >= 0x80)
            {
                bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            bytes.Add((byte)value);
        }
    }
}

using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// Decides without a request that applying an object would change nothing: the live object carries the hash of the
/// exact configuration we last applied (so our field set is unchanged) and every value we set is still in place (so
/// nobody drifted it). Anything else - a server-normalised value, another manager's edit - falls back to a dry run.
/// </summary>
internal static class AppliedHash
{
    public const string Annotation = "gitops.io/applied-hash";

    /// <summary>
    /// The first 128 bits of SHA-256 over the body's compact JSON, as hex. Written straight to UTF-8 (the same bytes
    /// as <c>ToJsonString</c>, without the string), so a thousand bodies cost one buffer.
    /// </summary>
    public static string Compute(JsonObject body)
    {
        var buffer = Buffer.Value!;
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            body.WriteTo(writer);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan))[..32];
        if (buffer.Capacity > 64 * 1024)
        {
            // One large CRD should not leave its size pinned on this thread for the life of an agent.
            Buffer.Value = new ArrayBufferWriter<byte>(4096);
        }

        return hash;
    }

    private static readonly ThreadLocal<ArrayBufferWriter<byte>> Buffer = new(() => new ArrayBufferWriter<byte>(4096));

    /// <summary>The hash a body to apply carries (set when the desired set is built), or null.</summary>
    public static string? Of(JsonObject body) => body["metadata"]?["annotations"]?[Annotation]?.GetValue<string>();

    /// <summary>True when <paramref name="live"/> (a list item) carries our hash and every value we set.</summary>
    public static bool IsUnchanged(JsonObject desired, JsonElement live)
    {
        var desiredHash = Of(desired);
        var liveHash = live.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            && metadata.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
            && annotations.TryGetProperty(Annotation, out var hash) && hash.ValueKind == JsonValueKind.String
            ? hash.GetString() : null;
        if (liveHash is null || liveHash != desiredHash)
        {
            return false;
        }

        // List items carry no apiVersion and kind; the list was read for exactly this object's resource.
        return ForComparison(desired).All(p => p.Key is "apiVersion" or "kind" || IsSubset(p.Value, live, p.Key));
    }

    /// <summary>A Secret's stringData is stored as base64 data; compare it in that form.</summary>
    private static JsonObject ForComparison(JsonObject desired)
    {
        if (desired["kind"]?.GetValue<string>() != "Secret" || desired["stringData"] is not JsonObject stringData)
        {
            return desired;
        }

        var copy = (JsonObject)desired.DeepClone();
        var data = copy["data"] as JsonObject ?? [];
        copy["data"] = data;
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }

        copy.Remove("stringData");
        return copy;
    }

    private static bool IsSubset(JsonNode? desired, JsonElement parent, string key) =>
        desired is null || (parent.TryGetProperty(key, out var live) && IsSubset(desired, live));

    private static bool IsSubset(JsonNode? desired, JsonElement live) => desired switch
    {
        null => true,
        JsonObject d => live.ValueKind == JsonValueKind.Object && d.All(p => IsSubset(p.Value, live, p.Key)),
        JsonArray d => live.ValueKind == JsonValueKind.Array && d.Count == live.GetArrayLength() && d.Zip(live.EnumerateArray()).All(pair => IsSubset(pair.First, pair.Second)),
        JsonValue d => SameValue(d, live),
        _ => false,
    };

    private static bool SameValue(JsonValue desired, JsonElement live) => desired.GetValueKind() switch
    {
        JsonValueKind.String => live.ValueKind == JsonValueKind.String && live.ValueEquals(desired.GetValue<string>()),
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => live.ValueKind == desired.GetValueKind(),
        // Numbers compare as written, as the API server echoes them.
        _ => live.ValueKind == JsonValueKind.Number && desired.ToJsonString() == live.GetRawText(),
    };
}

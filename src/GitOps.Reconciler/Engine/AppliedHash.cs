using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

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
    public static string? Of(JsonElement body) => ObjectMetadata.Annotation(body, Annotation);

    /// <summary>True when <paramref name="live"/> (a list item) carries our hash and every value we set.</summary>
    public static bool IsUnchanged(JsonElement desired, JsonElement live)
    {
        var desiredHash = Of(desired);
        if (desiredHash is null || Of(live) != desiredHash)
        {
            return false;
        }

        // List items carry no apiVersion and kind; the list was read for exactly this object's resource.
        return ForComparison(desired).EnumerateObject().All(p => p.Name is "apiVersion" or "kind" || IsSubset(p.Value, live, p.Name));
    }

    /// <summary>A Secret's stringData is stored as base64 data; compare it in that form.</summary>
    private static JsonElement ForComparison(JsonElement desired)
    {
        if (!desired.TryGetProperty("kind", out var kind) || !kind.ValueEquals("Secret")
            || !desired.TryGetProperty("stringData", out var stringData) || stringData.ValueKind != JsonValueKind.Object)
        {
            return desired;
        }

        var copy = JsonObject.Create(desired.Clone())!;
        var data = copy["data"] as JsonObject ?? [];
        copy["data"] = data;
        foreach (var entry in stringData.EnumerateObject())
        {
            data[entry.Name] = Convert.ToBase64String(Encoding.UTF8.GetBytes(entry.Value.ValueKind == JsonValueKind.String ? entry.Value.GetString()! : ""));
        }

        copy.Remove("stringData");
        return JsonBody.ToElement(copy);
    }

    private static bool IsSubset(JsonElement desired, JsonElement parent, string key) =>
        desired.ValueKind == JsonValueKind.Null || (parent.TryGetProperty(key, out var live) && IsSubset(desired, live));

    private static bool IsSubset(JsonElement desired, JsonElement live) => desired.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Object => live.ValueKind == JsonValueKind.Object && desired.EnumerateObject().All(p => IsSubset(p.Value, live, p.Name)),
        JsonValueKind.Array => live.ValueKind == JsonValueKind.Array && desired.GetArrayLength() == live.GetArrayLength()
            && desired.EnumerateArray().Zip(live.EnumerateArray()).All(pair => IsSubset(pair.First, pair.Second)),
        JsonValueKind.String => live.ValueKind == JsonValueKind.String && live.ValueEquals(desired.GetString()),
        JsonValueKind.True or JsonValueKind.False => live.ValueKind == desired.ValueKind,
        // Numbers compare as written, as the API server echoes them.
        _ => live.ValueKind == JsonValueKind.Number && desired.GetRawText() == live.GetRawText(),
    };
}

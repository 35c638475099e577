using System.Security.Cryptography;
using System.Text;
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

    public static string Compute(JsonObject body) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())))[..32];

    public static bool IsUnchanged(JsonObject desired, JsonObject live)
    {
        var liveHash = live["metadata"]?["annotations"]?[Annotation]?.GetValue<string>();
        var desiredHash = desired["metadata"]?["annotations"]?[Annotation]?.GetValue<string>();
        return liveHash is not null && liveHash == desiredHash && IsSubset(ForComparison(desired), live);
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

    private static bool IsSubset(JsonNode? desired, JsonNode? live) => (desired, live) switch
    {
        (null, _) => true,
        (JsonObject d, JsonObject l) => d.All(p => IsSubset(p.Value, l[p.Key]) && (p.Value is null || l.ContainsKey(p.Key))),
        (JsonArray d, JsonArray l) => d.Count == l.Count && d.Zip(l).All(pair => IsSubset(pair.First, pair.Second)),
        (JsonValue d, JsonValue l) => d.ToJsonString() == l.ToJsonString(),
        _ => false,
    };
}

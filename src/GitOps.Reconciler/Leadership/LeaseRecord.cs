using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Leadership;

/// <summary>The leader-election fields of a coordination.k8s.io/v1 Lease's spec, as client-go reads and writes them.</summary>
internal sealed record LeaseRecord(string? HolderIdentity, int LeaseDurationSeconds, DateTimeOffset? AcquireTime, DateTimeOffset? RenewTime, int LeaseTransitions)
{
    /// <summary>metav1.MicroTime's RFC 3339 form, which the API server requires for acquireTime and renewTime.</summary>
    public const string MicroTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public bool IsHeld => !string.IsNullOrEmpty(HolderIdentity);

    public static LeaseRecord From(JsonObject? spec) =>
        new(
            spec?["holderIdentity"] is JsonValue holder && holder.TryGetValue<string>(out var name) ? name : null,
            Integer(spec?["leaseDurationSeconds"]),
            Time(spec?["acquireTime"]),
            Time(spec?["renewTime"]),
            Integer(spec?["leaseTransitions"]));

    /// <summary>The spec to write; an absent holder is written as null, which a merge patch removes.</summary>
    public JsonObject ToSpec() => new()
    {
        ["holderIdentity"] = IsHeld ? HolderIdentity : null,
        ["leaseDurationSeconds"] = LeaseDurationSeconds,
        ["acquireTime"] = AcquireTime is { } acquired ? MicroTime(acquired) : null,
        ["renewTime"] = RenewTime is { } renewed ? MicroTime(renewed) : null,
        ["leaseTransitions"] = LeaseTransitions,
    };

    public static string MicroTime(DateTimeOffset time) => time.UtcDateTime.ToString(MicroTimeFormat, CultureInfo.InvariantCulture);

    private static int Integer(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : 0;

    private static DateTimeOffset? Time(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time
                : null;
}

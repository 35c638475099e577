using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Health;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// What a run keeps of a live object from the change set to its end: the health verdict, judged when the object is
/// seen (in a LIST, or in what an apply or its dry run returned), and the uid and resourceVersion that
/// <see cref="VerifiedObjects"/> records. A run holds one per desired object for its whole length; the object itself
/// (its data, managedFields, and the response or LIST page it was parsed from) would keep tens of megabytes alive that
/// long when thousands of objects are applied or compared.
/// </summary>
internal sealed record LiveState(string? Uid, string? ResourceVersion, HealthStatus Health)
{
    /// <summary>The state of a LIST item (which has no apiVersion or kind: health is judged by the desired kind).</summary>
    public static LiveState Of(JsonElement item, DesiredObject desired) =>
        // A node over the element, read once and dropped: nothing of the page stays referenced.
        Of(JsonObject.Create(item)!, desired);

    /// <summary>The state of an object an apply or a dry run returned (or of the desired body, before it exists).</summary>
    public static LiveState Of(JsonObject live, DesiredObject desired)
    {
        var metadata = live["metadata"] as JsonObject;
        return new LiveState(
            Text(metadata?["uid"]),
            Text(metadata?["resourceVersion"]),
            HealthEvaluator.Evaluate(desired.Ref.Group, desired.Ref.Kind, live));
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}

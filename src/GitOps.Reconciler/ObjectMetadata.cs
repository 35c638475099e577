using System.Text.Json;

namespace GitOps.Reconciler;

/// <summary>Reads an object's metadata straight from its parsed JSON, without building nodes for it.</summary>
internal static class ObjectMetadata
{
    /// <summary>A string field of <c>metadata</c> (uid, resourceVersion, name), or null.</summary>
    public static string? Field(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var metadata) ? String(metadata, name) : null;

    /// <summary>The value of one annotation, or null when the object has no such string annotation.</summary>
    public static string? Annotation(JsonElement obj, string key) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && metadata.TryGetProperty("annotations", out var annotations)
            ? String(annotations, key)
            : null;

    private static string? String(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Diff;

/// <summary>One changed field of an object: its YAML path (<c>spec.template.spec.containers[name=web].image</c>) and values.</summary>
/// <param name="Path">Dotted path; list items by merge key (<c>[name=web]</c>) where the list has one, else by index.</param>
/// <param name="Kind">Added, removed or changed.</param>
/// <param name="OldValue">The base's value; null when added (or when the value is YAML null).</param>
/// <param name="NewValue">The head's value; null when removed.</param>
public sealed record FieldChange(string Path, ChangeKind Kind, JsonNode? OldValue, JsonNode? NewValue)
{
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A value as one line of JSON (strings quoted, maps and lists in flow form), cut at <paramref name="maxLength"/>.</summary>
    public static string Display(JsonNode? value, int maxLength = 120)
    {
        var text = value is null ? "null" : value.ToJsonString(Compact);
        return text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";
    }

    /// <summary>The change as one line: <c>path: old → new</c>.</summary>
    public override string ToString() => Kind switch
    {
        ChangeKind.Added => $"{Path}: added {Display(NewValue)}",
        ChangeKind.Removed => $"{Path}: removed {Display(OldValue)}",
        _ => $"{Path}: {Display(OldValue)} → {Display(NewValue)}",
    };
}

using System.Text.Json.Nodes;
using GitOps.Reconciler.Drift;

namespace GitOps.Reconciler.Manifests;

/// <summary>
/// Hides Secret values before anything leaves the process (status ConfigMap, Events, logs, the dashboard): the keys of
/// <c>data</c> and <c>stringData</c> stay visible, their values never do.
/// </summary>
internal static class SecretMask
{
    public const string Masked = "******";

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    public static bool IsSecret(ObjectRef reference) => reference is { Group: "", Kind: "Secret" };

    public static bool IsSecret(JsonObject obj) =>
        obj["kind"]?.GetValue<string>() == "Secret" && obj["apiVersion"]?.GetValue<string>() == "v1";

    /// <summary>A copy of <paramref name="obj"/> with Secret values replaced; other kinds are copied unchanged.</summary>
    public static JsonObject Mask(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var copy = obj.DeepClone().AsObject();
        if (!IsSecret(copy))
        {
            return copy;
        }

        foreach (var field in (string[])["data", "stringData"])
        {
            if (copy[field] is JsonObject values)
            {
                foreach (var key in values.Select(p => p.Key).ToList())
                {
                    values[key] = Masked;
                }
            }
        }

        // kubectl apply keeps the whole manifest, values included, in this annotation.
        if (copy["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey(LastApplied))
        {
            annotations[LastApplied] = Masked;
        }

        return copy;
    }

    /// <summary>Drift of a Secret with the old and new values of its data fields masked.</summary>
    public static ObjectDrift Mask(ObjectDrift drift)
    {
        ArgumentNullException.ThrowIfNull(drift);
        return IsSecret(drift.Ref) ? drift with { Fields = [.. drift.Fields.Select(Mask)] } : drift;
    }

    private static FieldDrift Mask(FieldDrift field) =>
        IsValuePath(field.Path)
            ? field with { LiveValue = field.LiveValue is null ? null : Masked, DesiredValue = field.DesiredValue is null ? null : Masked }
            : field;

    private static bool IsValuePath(string path) =>
        path is "data" or "stringData" || path.StartsWith("data.", StringComparison.Ordinal) || path.StartsWith("stringData.", StringComparison.Ordinal)
        || path.StartsWith("metadata.annotations", StringComparison.Ordinal);
}

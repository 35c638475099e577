namespace GitOps.Reconciler.Drift;

/// <summary>
/// One field whose live value differs from what the rendered branch sets, with the manager that last wrote it
/// (from <c>metadata.managedFields</c>) when the cluster recorded one.
/// </summary>
/// <param name="Path">Dotted field path; list items by merge key, such as <c>spec.template.spec.containers[name=web].image</c>.</param>
/// <param name="LiveValue">The value in the cluster (null when the field was removed).</param>
/// <param name="DesiredValue">The value gitops applies (null when gitops removes it).</param>
/// <param name="Manager">The field manager that owns the live value, or null when nobody does.</param>
/// <param name="ChangedAt">When that manager last wrote the object.</param>
public sealed record FieldDrift(string Path, string? LiveValue, string? DesiredValue, string? Manager, DateTimeOffset? ChangedAt)
{
    /// <summary><c>spec.replicas 7 -> 1, changed by manager "kubectl-edit" at 10:42:03</c>.</summary>
    public override string ToString()
    {
        var change = $"{Path} {LiveValue ?? "<absent>"} -> {DesiredValue ?? "<absent>"}";
        return Manager is null ? $"{change}, changed by an unknown manager"
            : ChangedAt is { } at ? $"{change}, changed by manager \"{Manager}\" at {at.ToUniversalTime():HH:mm:ss}"
            : $"{change}, changed by manager \"{Manager}\"";
    }
}

/// <summary>An object whose live state drifted from the rendered branch.</summary>
/// <param name="Ref">The object.</param>
/// <param name="Fields">The drifted fields; empty when the whole object is missing.</param>
/// <param name="Missing">The object was deleted from the cluster.</param>
public sealed record ObjectDrift(ObjectRef Ref, IReadOnlyList<FieldDrift> Fields, bool Missing = false)
{
    /// <summary><c>Deployment shop/front-end: spec.replicas 7 -> 1, changed by manager "kubectl-edit" at 10:42:03</c>.</summary>
    public override string ToString() =>
        Missing ? $"{Ref}: deleted from the cluster" : $"{Ref}: {string.Join("; ", Fields)}";
}

namespace GitOps.Dsl;

/// <summary>
/// Objects that pod templates may reference although this environment does not render them (created by an
/// operator, a sealed-secrets controller or by hand). Validation reports any other dangling reference.
/// </summary>
public sealed class ExternalReferences
{
    /// <summary>ConfigMap names that exist outside the rendered tree.</summary>
    public ISet<string> ConfigMaps { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>Secret names that exist outside the rendered tree (e.g. from sealed or external secrets).</summary>
    public ISet<string> Secrets { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>ServiceAccount names that exist outside the rendered tree.</summary>
    public ISet<string> ServiceAccounts { get; } = new SortedSet<string>(StringComparer.Ordinal);

    /// <summary>PersistentVolumeClaim names that exist outside the rendered tree.</summary>
    public ISet<string> PersistentVolumeClaims { get; } = new SortedSet<string>(StringComparer.Ordinal);
}

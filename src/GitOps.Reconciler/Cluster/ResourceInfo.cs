namespace GitOps.Reconciler.Cluster;

/// <summary>Where a kind lives in the REST API: group, version, plural resource name and scope.</summary>
internal sealed record ResourceInfo(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return Namespaced ? $"{root}/namespaces/{Uri.EscapeDataString(ns ?? "default")}/{Plural}" : $"{root}/{Plural}";
    }

    /// <summary>The collection across every namespace (for a cluster-scoped kind, its only collection).</summary>
    public string AllNamespacesPath => Group.Length == 0 ? $"/api/{Version}/{Plural}" : $"/apis/{Group}/{Version}/{Plural}";

    public string ObjectPath(string? ns, string name) => $"{CollectionPath(ns)}/{Uri.EscapeDataString(name)}";
}

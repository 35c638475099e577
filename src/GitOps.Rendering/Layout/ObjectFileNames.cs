using GitOps.Dsl;

namespace GitOps.Rendering.Layout;

/// <summary>
/// The file name of one object inside <c>&lt;env&gt;/&lt;app&gt;/</c>:
/// <c>&lt;kind&gt;[.&lt;group&gt;][_&lt;namespace&gt;]_&lt;name&gt;.yaml</c>, all lower-case.
/// </summary>
/// <remarks>
/// Names and namespaces are DNS-1123 (never hold '_' or upper case), so '_' separates the parts unambiguously. The
/// namespace is left out when it is the environment's own (the common case) and for cluster-scoped objects; a
/// kind of a group outside Kubernetes' built-in ones carries its group, so two CRDs with the same kind never share a
/// name. The name depends only on the object, so adding or removing other objects never renames a file.
/// </remarks>
public static class ObjectFileNames
{
    /// <summary>The file name (without folder) for <paramref name="item"/> in an environment whose namespace is <paramref name="environmentNamespace"/>.</summary>
    public static string For(RenderedObject item, string? environmentNamespace)
    {
        ArgumentNullException.ThrowIfNull(item);
        var kind = item.Kind.ToLowerInvariant();
        var apiVersion = (string?)item.Manifest["apiVersion"] ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? "" : apiVersion[..slash].ToLowerInvariant();
        if (!IsBuiltInGroup(group))
        {
            kind += "." + group;
        }

        var ns = item.Namespace.Length > 0 && item.Namespace != environmentNamespace ? "_" + item.Namespace.ToLowerInvariant() : "";
        return $"{kind}{ns}_{item.Name.ToLowerInvariant()}.yaml";
    }

    private static bool IsBuiltInGroup(string group) =>
        group.Length == 0 || group.EndsWith(".k8s.io", StringComparison.Ordinal) || group is "apps" or "batch" or "policy" or "autoscaling";
}

using GitOps.Rendering.Git;
using GitOps.Rendering.Layout;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Renders a config repository into memory, for comparing rather than writing: <c>gitops check</c>, <c>gitops diff</c>
/// and snapshot tests. The files are exactly those <c>gitops render</c> writes (metadata without a source commit).
/// </summary>
public static class TreeRender
{
    /// <summary>Renders <paramref name="environments"/> (all of <c>environments/*.csx</c> when empty).</summary>
    /// <exception cref="RenderException">No gitops.csx, an unknown environment, a script error or an invalid object.</exception>
    public static IReadOnlyList<RenderedFile> Render(string configRoot, IReadOnlyCollection<string> environments, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(environments);
        var root = Path.GetFullPath(configRoot);
        if (!File.Exists(Path.Combine(root, RenderPaths.RootScript)))
        {
            throw new RenderException($"error: no {RenderPaths.RootScript} in {root}.");
        }

        var known = RenderPaths.Environments(root);
        var unknown = environments.Where(name => !known.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new RenderException(unknown.Select(name =>
                $"error: unknown environment '{name}' (no {RenderPaths.EnvironmentScript(name)}); known environments: {(known.Count > 0 ? string.Join(", ", known) : "none")}.").ToList());
        }

        var selected = environments.Count == 0 ? known : environments.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (selected.Count == 0)
        {
            return [];
        }

        var (manifests, _, _) = EnvironmentRenderer.Render(root, selected, strict: false, cacheDirectory);
        return RenderedTreeLayout.Files(manifests, new RenderProvenance(null, SourceDirty: false, AllowDirty: false, RenderWorkflow.ToolVersion));
    }
}

using GitOps.Dsl;
using GitOps.Rendering.Git;
using GitOps.Rendering.Layout;
using GitOps.Rendering.Validation;
using System.Runtime.ExceptionServices;

namespace GitOps.Rendering;

/// <summary>
/// <c>gitops render</c> end to end: pick environments, evaluate and validate them, lay the tree out, then write it
/// to a folder or commit it to the rendered branch. Nothing is written unless every environment is valid.
/// </summary>
public static class RenderWorkflow
{
    /// <summary>The tool version recorded in rendered metadata (major.minor.patch, no build suffix, so it is stable).</summary>
    public static string ToolVersion { get; } = typeof(RenderWorkflow).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>Renders as <paramref name="settings"/> says; throws <see cref="RenderException"/> on any error.</summary>
    public static RenderOutcome Run(RenderSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configRoot = Path.GetFullPath(settings.ConfigRoot);
        if (!File.Exists(Path.Combine(configRoot, RenderPaths.RootScript)))
        {
            throw new RenderException($"error: no {RenderPaths.RootScript} in {configRoot}; point --repo at a config repository.");
        }

        var environments = SelectEnvironments(configRoot, settings.Environments);
        // Inspecting the checkout (loading libgit2, reading HEAD and the status) needs nothing from the scripts, so it
        // runs while they are evaluated. Its errors still come first, as if it had run before: a dirty tree is refused
        // even when a script is broken too.
        var inspecting = Task.Run(() =>
        {
            using var inspect = TimingTrace.Measure("inspect source checkout");
            return InspectSource(configRoot, toBranch: settings.OutputDirectory is null);
        });
        (IReadOnlyList<EnvironmentManifest> Manifests, IReadOnlyList<ValidationIssue> Warnings, int Cached)? rendered = null;
        RenderException? renderError = null;
        try
        {
            rendered = EnvironmentRenderer.Render(configRoot, environments, settings.Strict, settings.CacheDirectory);
        }
        catch (RenderException e)
        {
            renderError = e;
        }

        var source = inspecting.GetAwaiter().GetResult();
        if (settings.OutputDirectory is null && source!.IsDirty && !settings.AllowDirty)
        {
            var shown = string.Join(", ", source.DirtyPaths.Take(10)) + (source.DirtyPaths.Count > 10 ? ", ..." : "");
            throw new RenderException($"error: the working tree of {source.RepositoryRoot} has uncommitted changes ({shown}); commit them, or pass --allow-dirty to render them anyway (recorded in the metadata).");
        }

        if (renderError is not null)
        {
            ExceptionDispatchInfo.Throw(renderError);
        }

        var (manifests, warnings, cached) = rendered!.Value;
        var provenance = new RenderProvenance(source?.HeadSha, source?.IsDirty ?? false, settings.AllowDirty, ToolVersion);
        IReadOnlyList<RenderedFile> files;
        using (TimingTrace.Measure("lay out files (canonical YAML)"))
        {
            files = RenderedTreeLayout.Files(manifests, provenance);
        }

        if (settings.OutputDirectory is not null)
        {
            using (TimingTrace.Measure("write output folder"))
            {
                OutputFolder.Write(Path.GetFullPath(settings.OutputDirectory), files, environments);
            }

            return new RenderOutcome(environments, warnings, files.Count, cached, Path.GetFullPath(settings.OutputDirectory), null);
        }

        RenderedCommitResult commit;
        using (TimingTrace.Measure("commit to branch"))
        {
            commit = CommitToBranch(source!, settings, environments, files);
        }

        return new RenderOutcome(environments, warnings, files.Count, cached, null, commit);
    }

    private static IReadOnlyList<string> SelectEnvironments(string configRoot, IReadOnlyList<string> requested)
    {
        var known = RenderPaths.Environments(configRoot);
        if (known.Count == 0)
        {
            throw new RenderException($"error: {configRoot} has no {RenderPaths.EnvironmentsFolder}/*.csx; add one script per environment (e.g. {RenderPaths.EnvironmentScript("dev")}).");
        }

        var unknown = requested.Where(name => !known.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new RenderException(unknown.Select(name => $"error: unknown environment '{name}' (no {RenderPaths.EnvironmentScript(name)}); known environments: {string.Join(", ", known)}.").ToList());
        }

        return requested.Count == 0 ? known : requested.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    private static SourceState? InspectSource(string configRoot, bool toBranch)
    {
        try
        {
            return SourceCheckout.Inspect(configRoot);
        }
        catch (InvalidOperationException e) when (!toBranch)
        {
            _ = e; // Rendering to a folder works outside git; the metadata then records no source commit.
            return null;
        }
        catch (InvalidOperationException e)
        {
            throw new RenderException($"error: {e.Message} Rendering to the branch needs a git repository; use --out DIR to render a plain folder.");
        }
    }

    private static RenderedCommitResult CommitToBranch(SourceState source, RenderSettings settings, IReadOnlyList<string> environments, IReadOnlyList<RenderedFile> files)
    {
        // With --env, the other environments keep what the branch already holds for them.
        var kept = settings.Environments.Count == 0
            ? []
            : RenderedBranchReader.FilesOutside(source.RepositoryRoot, settings.Branch, environments.Append(".gitattributes").ToHashSet(StringComparer.Ordinal));
        var message = $"Render {string.Join(", ", environments)} from {source.HeadSha[..12]}{(source.IsDirty ? " (with uncommitted changes)" : "")}";
        try
        {
            return new RenderedBranchWriter(source.RepositoryRoot).Commit(settings.Branch, [.. files, .. kept], source.HeadSha, settings.Committer, message);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new RenderException($"error: cannot commit to branch '{settings.Branch}': {e.Message}");
        }
    }
}

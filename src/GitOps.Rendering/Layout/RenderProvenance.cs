namespace GitOps.Rendering.Layout;

/// <summary>What the per-environment metadata file records about a render.</summary>
/// <param name="SourceCommit">The config commit rendered, or null outside git.</param>
/// <param name="SourceDirty">True when uncommitted changes were rendered.</param>
/// <param name="AllowDirty">True when <c>--allow-dirty</c> was given.</param>
/// <param name="ToolVersion">The gitops tool version.</param>
public sealed record RenderProvenance(string? SourceCommit, bool SourceDirty, bool AllowDirty, string ToolVersion);

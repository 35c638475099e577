using GitOps.Rendering.Git;
using GitOps.Rendering.Validation;

namespace GitOps.Rendering;

/// <summary>What a render did.</summary>
/// <param name="Environments">The environments rendered.</param>
/// <param name="Warnings">Findings that did not stop the render.</param>
/// <param name="FileCount">Files in the rendered tree (for the environments rendered).</param>
/// <param name="CachedEnvironments">Environments whose compiled scripts came from the cache.</param>
/// <param name="OutputDirectory">The folder written, when rendering with an output folder.</param>
/// <param name="Commit">The branch commit, when rendering to the branch.</param>
public sealed record RenderOutcome(
    IReadOnlyList<string> Environments,
    IReadOnlyList<ValidationIssue> Warnings,
    int FileCount,
    int CachedEnvironments,
    string? OutputDirectory,
    RenderedCommitResult? Commit);

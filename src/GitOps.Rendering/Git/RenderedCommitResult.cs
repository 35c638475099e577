namespace GitOps.Rendering.Git;

/// <summary>
/// The outcome of writing the rendered branch: the branch tip afterwards (null only when the branch did not exist and
/// nothing was committed), and whether a new commit was made.
/// </summary>
public sealed record RenderedCommitResult(string? CommitSha, bool Changed);

namespace GitOps.Rendering.Git;

/// <summary>
/// The config repository as found on disk: its working-tree root, the commit HEAD points at, and whether the working
/// tree differs from it (modified, staged or untracked files that are not ignored; paths use <c>/</c>, sorted).
/// </summary>
public sealed record SourceState(string RepositoryRoot, string HeadSha, bool IsDirty, IReadOnlyList<string> DirtyPaths);

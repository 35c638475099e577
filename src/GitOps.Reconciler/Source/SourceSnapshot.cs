namespace GitOps.Reconciler.Source;

/// <summary>The files under the reconciled path at one pinned commit.</summary>
internal sealed record SourceSnapshot(string CommitSha, IReadOnlyList<SourceFile> Files);

/// <summary>One YAML file read from the object database; <see cref="Path"/> is relative to the repository root.</summary>
internal sealed record SourceFile(string Path, string Content);

namespace GitOps.Rendering.Git;

/// <summary>One file of the rendered tree: a repository-relative path with <c>/</c> separators, and its UTF-8 text.</summary>
public sealed record RenderedFile(string Path, string Content);

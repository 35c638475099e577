namespace GitOps.Rendering.Git;

/// <summary>The author and committer recorded on rendered commits.</summary>
public sealed record CommitIdentity(string Name, string Email);

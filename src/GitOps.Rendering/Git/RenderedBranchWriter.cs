using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>
/// Commits a complete rendered tree to a branch of a repository, straight into the object database: the working
/// tree, the index and HEAD are never touched, so rendering works from any checkout, even a dirty one.
/// </summary>
/// <remarks>
/// Rendered commits are reproducible: author and committer are the given identity with the source commit's committer
/// timestamp, and the message ends in a <c>Source-Commit:</c> trailer. The same source history therefore gives the
/// same rendered commit ids in every clone.
/// </remarks>
/// <param name="repositoryPath">The repository's working directory, its .git folder, or any path inside it.</param>
public sealed class RenderedBranchWriter(string repositoryPath)
{
    /// <summary>The trailer key that names the source commit a rendered commit was made from.</summary>
    public const string SourceCommitTrailer = "Source-Commit";

    /// <summary>
    /// Replaces the whole tree of <paramref name="branch"/> with <paramref name="files"/> in one commit whose parent is
    /// the current tip (none when the branch is new). When the tree equals the tip's tree nothing is committed.
    /// </summary>
    /// <exception cref="ArgumentException">Bad branch name, unknown source commit, empty message or bad file path.</exception>
    /// <exception cref="InvalidOperationException">The branch is checked out, or it moved while committing.</exception>
    public RenderedCommitResult Commit(
        string branch, IReadOnlyCollection<RenderedFile> files, string sourceCommitSha, CommitIdentity committer, string message)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(committer);
        if (string.IsNullOrWhiteSpace(message))
        {
            throw new ArgumentException("The rendered commit needs a message.", nameof(message));
        }

        var canonicalName = "refs/heads/" + branch;
        if (string.IsNullOrEmpty(branch) || !Reference.IsValidName(canonicalName))
        {
            throw new ArgumentException($"'{branch}' is not a valid branch name.", nameof(branch));
        }

        using var repository = Open(repositoryPath);
        CheckedOutBranches.EnsureNotCheckedOut(repository, canonicalName, branch);
        var source = repository.Lookup<Commit>(sourceCommitSha)
            ?? throw new ArgumentException($"Source commit '{sourceCommitSha}' is not in the repository.", nameof(sourceCommitSha));

        var tree = RenderedTree.Build(repository.ObjectDatabase, files);
        var existing = repository.Refs[canonicalName];
        var tip = existing is null ? null : repository.Lookup<Commit>(existing.ResolveToDirectReference().TargetIdentifier);
        if (tip is not null && tip.Tree.Id == tree.Id)
        {
            return new RenderedCommitResult(tip.Sha, Changed: false);
        }

        var signature = new Signature(committer.Name, committer.Email, source.Committer.When);
        var fullMessage = $"{message.TrimEnd()}\n\n{SourceCommitTrailer}: {source.Sha}\n";
        var parents = tip is null ? Array.Empty<Commit>() : [tip];
        var commit = repository.ObjectDatabase.CreateCommit(signature, signature, fullMessage, tree, parents, prettifyMessage: false);
        MoveBranch(repository, canonicalName, tip, commit);
        return new RenderedCommitResult(commit.Sha, Changed: true);
    }

    private static Repository Open(string path)
    {
        var gitDirectory = Repository.Discover(Path.GetFullPath(path))
            ?? throw new InvalidOperationException($"'{path}' is not inside a git repository.");
        return new Repository(gitDirectory);
    }

    private static void MoveBranch(Repository repository, string canonicalName, Commit? expectedTip, Commit commit)
    {
        var logMessage = $"render: {commit.MessageShort}";
        if (expectedTip is null)
        {
            // allowOverwrite: false makes creation fail if someone created the branch meanwhile.
            repository.Refs.Add(canonicalName, commit.Id, logMessage, allowOverwrite: false);
            return;
        }

        var current = repository.Refs[canonicalName];
        if (current?.ResolveToDirectReference().TargetIdentifier != expectedTip.Sha)
        {
            throw new InvalidOperationException(
                $"Branch '{canonicalName}' moved while rendering (expected {expectedTip.Sha}); render again.");
        }

        repository.Refs.UpdateTarget(current, commit.Id, logMessage);
    }
}

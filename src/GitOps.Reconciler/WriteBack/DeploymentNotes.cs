using LibGit2Sharp;

namespace GitOps.Reconciler.WriteBack;

/// <summary>
/// Reads and writes deployment notes on rendered commits in a repository (the agent's bare cache), fetching and pushing
/// <c>refs/notes/gitops</c>. Each cluster owns its own line in a note; a push that loses a race is retried on top of
/// the winner's notes.
/// </summary>
internal static class DeploymentNotes
{
    private const string NotesNamespace = "gitops";

    public static void Write(string repositoryDirectory, string commitSha, DeploymentNote note, GitCredentials? credentials, string? caFile = null)
    {
        using var cacheLock = Source.GitCacheLock.Acquire(repositoryDirectory);
        using var repository = new Repository(repositoryDirectory);
        for (var attempt = 1; ; attempt++)
        {
            FetchNotes(repository, credentials, caFile);
            var id = new ObjectId(commitSha);
            var existing = repository.Notes[DeploymentNote.NotesRef, id];
            var lines = DeploymentNote.ParseAll(existing?.Message)
                .Where(n => !(n.Cluster == note.Cluster && n.Path == note.Path))
                .Append(note)
                .OrderBy(n => n.Cluster, StringComparer.Ordinal).ThenBy(n => n.Path, StringComparer.Ordinal)
                .Select(n => n.ToString());
            var signature = new Signature("gitops-agent", "gitops-agent@localhost", DateTimeOffset.UtcNow);
            repository.Notes.Add(id, string.Join('\n', lines) + "\n", signature, signature, NotesNamespace);
            try
            {
                string? rejected = null;
                var options = PushOptions(credentials, caFile);
                options.OnPushStatusError = error => rejected = error.Message;
                repository.Network.Push(repository.Network.Remotes["origin"], $"{DeploymentNote.NotesRef}:{DeploymentNote.NotesRef}", options);
                if (rejected is not null)
                {
                    throw new LibGit2SharpException($"pushing {DeploymentNote.NotesRef} was rejected: {rejected}");
                }

                return;
            }
            catch (LibGit2SharpException) when (attempt < 3)
            {
                // Another cluster pushed its note first: take theirs and add ours again.
            }
        }
    }

    /// <summary>Every note on commits of the history of <paramref name="tipSha"/>, newest commit first.</summary>
    public static IReadOnlyList<(Commit Commit, IReadOnlyList<DeploymentNote> Notes)> History(Repository repository, string tipSha, int limit)
    {
        var filter = new CommitFilter { IncludeReachableFrom = tipSha, FirstParentOnly = true, SortBy = CommitSortStrategies.Topological };
        return repository.Commits.QueryBy(filter).Take(limit)
            .Select(c => (c, DeploymentNote.ParseAll(repository.Notes[DeploymentNote.NotesRef, c.Id]?.Message)))
            .ToList();
    }

    public static void FetchNotes(Repository repository, GitCredentials? credentials, string? caFile = null)
    {
        try
        {
            // Forced: the remote's notes are the truth; our own line is re-added on top of them.
            Commands.Fetch(repository, "origin", [$"+{DeploymentNote.NotesRef}:{DeploymentNote.NotesRef}"], FetchOptions(credentials, caFile), logMessage: null);
        }
        catch (LibGit2SharpException)
        {
            // No notes pushed yet: the first note starts the ref.
        }
    }

    internal static FetchOptions FetchOptions(GitCredentials? credentials, string? caFile = null)
    {
        var options = new FetchOptions { CertificateCheck = Source.GitRemoteTrust.For(caFile) };
        if (credentials is not null)
        {
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credentials.Username, Password = credentials.Password };
        }

        return options;
    }

    private static PushOptions PushOptions(GitCredentials? credentials, string? caFile)
    {
        var options = new PushOptions { CertificateCheck = Source.GitRemoteTrust.For(caFile) };
        if (credentials is not null)
        {
            options.CredentialsProvider = (_, _, _) => new UsernamePasswordCredentials { Username = credentials.Username, Password = credentials.Password };
        }

        return options;
    }
}

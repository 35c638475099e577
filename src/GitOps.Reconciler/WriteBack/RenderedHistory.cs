using LibGit2Sharp;

namespace GitOps.Reconciler.WriteBack;

/// <summary>One rendered commit with its source commit (the <c>Source-Commit:</c> trailer) and the clusters' notes on it.</summary>
public sealed record RenderedCommitInfo(string Sha, DateTimeOffset When, string Subject, string? SourceCommit, IReadOnlyList<DeploymentNote> Notes);

/// <summary>
/// Reads the rendered branch and its deployment notes from a remote, without cluster access: what `gitops status
/// --repo` and `gitops history` show.
/// </summary>
public static class RenderedHistory
{
    public const string SourceCommitTrailer = "Source-Commit";

    /// <summary>
    /// Rendered commits newest first (first parents only); with a path, only commits that changed it. An https:// remote
    /// whose certificate a private CA signed is trusted through <paramref name="caFile"/>, as in `gitops reconcile`.
    /// </summary>
    public static IReadOnlyList<RenderedCommitInfo> Read(string repositoryUrl, string branch, string? path, string cacheDirectory, GitCredentials? credentials, int limit = 50, string? caFile = null)
    {
        ArgumentNullException.ThrowIfNull(repositoryUrl);
        var snapshot = Source.GitSource.Fetch(repositoryUrl, branch, ".", cacheDirectory, credentials, caFile: caFile);
        using var repository = new Repository(Source.GitSource.RepositoryDirectory(repositoryUrl, cacheDirectory));
        DeploymentNotes.FetchNotes(repository, credentials, caFile);
        var filter = new CommitFilter { IncludeReachableFrom = snapshot.CommitSha, FirstParentOnly = true, SortBy = CommitSortStrategies.Topological };
        var trimmed = path?.Trim('/');
        return repository.Commits.QueryBy(filter)
            .Where(c => string.IsNullOrEmpty(trimmed) || trimmed == "." || Changed(c, trimmed))
            .Take(limit)
            .Select(c => new RenderedCommitInfo(
                c.Sha, c.Committer.When, c.MessageShort, SourceCommit(c.Message),
                DeploymentNote.ParseAll(repository.Notes[DeploymentNote.NotesRef, c.Id]?.Message)
                    .Where(n => string.IsNullOrEmpty(trimmed) || n.Path.Trim('/') == trimmed).ToList()))
            .ToList();
    }

    /// <summary>The latest note per cluster and path: which rendered commit each cluster last reported, and how it went.</summary>
    public static IReadOnlyList<(DeploymentNote Note, RenderedCommitInfo Commit, RenderedCommitInfo? LastHealthy)> Deployments(IReadOnlyList<RenderedCommitInfo> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var all = history.SelectMany(c => c.Notes.Select(n => (Note: n, Commit: c))).ToList();
        return all.GroupBy(x => (x.Note.Cluster, x.Note.Path))
            .Select(g =>
            {
                var latest = g.MaxBy(x => x.Note.At);
                var healthy = g.Where(x => x.Note.IsHealthy).MaxBy(x => x.Note.At);
                return (latest.Note, latest.Commit, LastHealthy: (RenderedCommitInfo?)healthy.Commit);
            })
            .OrderBy(x => x.Note.Path, StringComparer.Ordinal).ThenBy(x => x.Note.Cluster, StringComparer.Ordinal)
            .ToList();
    }

    internal static string? SourceCommit(string message) =>
        message.Split('\n').Select(l => l.Trim())
            .LastOrDefault(l => l.StartsWith(SourceCommitTrailer + ":", StringComparison.Ordinal))?[(SourceCommitTrailer.Length + 1)..].Trim();

    private static bool Changed(Commit commit, string path)
    {
        var mine = commit[path]?.Target.Sha;
        var parent = commit.Parents.FirstOrDefault()?[path]?.Target.Sha;
        return mine != parent;
    }
}

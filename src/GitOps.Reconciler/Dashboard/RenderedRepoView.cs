using LibGit2Sharp;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Reconciler.Dashboard;

/// <summary>
/// The dashboard's own bare clone of the repository, with every branch (the source commits behind rendered commits
/// live on the source branch). Separate from the agent's cache, so a page view never races the agent's fetch.
/// Fetches at most every few seconds, or when a commit it is asked about is not there yet.
/// </summary>
internal sealed class RenderedRepoView(string repositoryUrl, string branch, string cacheDirectory, GitCredentials? credentials)
{
    private static readonly TimeSpan FetchInterval = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private readonly string directory = GitSource.RepositoryDirectory(repositoryUrl, Path.Combine(cacheDirectory, "dashboard"));
    private DateTimeOffset lastFetch = DateTimeOffset.MinValue;

    public string Branch => branch;

    /// <summary>Runs <paramref name="read"/> on the clone, fetching first when it is stale or lacks <paramref name="needed"/>.</summary>
    public Task<T> ReadAsync<T>(string? needed, Func<Repository, T> read, CancellationToken cancellationToken) =>
        Task.Run(
            () =>
            {
                lock (gate)
                {
                    Prepare();
                    using var repository = new Repository(directory);
                    if (DateTimeOffset.UtcNow - lastFetch > FetchInterval || (needed is not null && repository.Lookup<Commit>(needed) is null))
                    {
                        Fetch(repository);
                    }

                    return read(repository);
                }
            },
            cancellationToken);

    public static CommitView View(Repository repository, string sha) =>
        repository.Lookup<Commit>(sha) is { } commit
            ? new CommitView(commit.Sha, commit.MessageShort, $"{commit.Author.Name} <{commit.Author.Email}>", commit.Author.When)
            : new CommitView(sha, null, null, null);

    /// <summary>The source commit named by a rendered commit's <c>Source-Commit:</c> trailer.</summary>
    public static CommitView? SourceOf(Repository repository, string renderedSha) =>
        repository.Lookup<Commit>(renderedSha) is { } commit && RenderedHistory.SourceCommit(commit.Message) is { } source
            ? View(repository, source)
            : null;

    private void Prepare()
    {
        if (!Repository.IsValid(directory))
        {
            Directory.CreateDirectory(directory);
            Repository.Init(directory, isBare: true);
        }
    }

    private void Fetch(Repository repository)
    {
        var url = GitSource.NormalizeUrl(repositoryUrl);
        if (repository.Network.Remotes["origin"] is null)
        {
            repository.Network.Remotes.Add("origin", url);
        }

        try
        {
            Commands.Fetch(repository, "origin", ["+refs/heads/*:refs/remotes/origin/*"], DeploymentNotes.FetchOptions(credentials), logMessage: null);
            lastFetch = DateTimeOffset.UtcNow;
        }
        catch (LibGit2SharpException)
        {
            // The remote is down: show what the clone already has; the agent reports the fetch failure itself.
            lastFetch = DateTimeOffset.UtcNow;
        }
    }
}

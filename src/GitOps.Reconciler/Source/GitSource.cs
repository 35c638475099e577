using System.Security.Cryptography;
using System.Text;
using LibGit2Sharp;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Fetches one branch of a remote into a bare cache repository and reads the YAML under a path at the fetched commit.
/// Files come straight from the object database: there is no working tree that a half-finished checkout could
/// leave inconsistent, and the commit SHA pins what the whole run sees.
/// </summary>
internal static class GitSource
{
    /// <summary>
    /// Fetches and reads the snapshot while holding the cache repository's lock, so runs sharing a cache directory take
    /// turns; <paramref name="waitingForLock"/> is told when another run holds it.
    /// </summary>
    public static SourceSnapshot Fetch(string repositoryUrl, string branch, string path, string cacheDirectory, GitCredentials? credentials, Action? waitingForLock = null, string? caFile = null)
    {
        var url = NormalizeUrl(repositoryUrl);
        if (!url.Contains("://", StringComparison.Ordinal) && !Directory.Exists(url))
        {
            throw new ReconcileException($"repository {repositoryUrl} does not exist (no such directory)");
        }

        var repositoryDirectory = RepositoryDirectory(repositoryUrl, cacheDirectory);
        using var cacheLock = GitCacheLock.Acquire(repositoryDirectory, waiting: waitingForLock);
        if (!Repository.IsValid(repositoryDirectory))
        {
            Directory.CreateDirectory(repositoryDirectory);
            Repository.Init(repositoryDirectory, isBare: true);
        }

        using var repository = new Repository(repositoryDirectory);
        var remote = repository.Network.Remotes["origin"];
        if (remote is null)
        {
            repository.Network.Remotes.Add("origin", url);
        }
        else if (remote.Url != url)
        {
            repository.Network.Remotes.Update("origin", r => r.Url = url);
        }

        var trackingRef = $"refs/remotes/origin/{branch}";
        var fetchOptions = new FetchOptions { Prune = true, CertificateCheck = GitRemoteTrust.For(caFile) };
        if (credentials is not null)
        {
            fetchOptions.CredentialsProvider = (_, _, _) =>
                new UsernamePasswordCredentials { Username = credentials.Username, Password = credentials.Password };
        }

        try
        {
            Commands.Fetch(repository, "origin", [$"+refs/heads/{branch}:{trackingRef}"], fetchOptions, logMessage: null);
        }
        catch (LibGit2SharpException e)
        {
            // libgit2 messages name the URL as given, which carries no credentials (they come from the provider).
            throw new ReconcileException($"fetching branch '{branch}' from {repositoryUrl} failed: {e.Message}", e);
        }

        var commit = repository.Refs[trackingRef]?.ResolveToDirectReference()?.Target as Commit
            ?? throw new ReconcileException($"branch '{branch}' not found in {repositoryUrl}");
        return new SourceSnapshot(commit.Sha, ReadYaml(commit, path, repositoryUrl));
    }

    /// <summary>The bare cache repository a remote is fetched into (the agent reads signatures and ancestry there).</summary>
    internal static string RepositoryDirectory(string repositoryUrl, string cacheDirectory) =>
        System.IO.Path.Combine(cacheDirectory, CacheKey(NormalizeUrl(repositoryUrl)));

    internal static List<SourceFile> ReadYaml(Commit commit, string path, string repositoryUrl)
    {
        var trimmed = path.Trim('/');
        Tree tree;
        if (trimmed.Length == 0 || trimmed == ".")
        {
            tree = commit.Tree;
            trimmed = "";
        }
        else
        {
            tree = commit[trimmed]?.Target as Tree
                ?? throw new ReconcileException($"path '{path}' is not a directory at commit {commit.Sha[..12]} of {repositoryUrl}");
        }

        var files = new List<SourceFile>();
        Collect(tree, trimmed, files);
        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return files;
    }

    private static void Collect(Tree tree, string prefix, List<SourceFile> files)
    {
        foreach (var entry in tree)
        {
            var entryPath = prefix.Length == 0 ? entry.Name : $"{prefix}/{entry.Name}";
            switch (entry.Target)
            {
                case Tree subtree:
                    Collect(subtree, entryPath, files);
                    break;
                case Blob blob when IsYaml(entry.Name):
                    files.Add(new SourceFile(entryPath, blob.GetContentText(Encoding.UTF8)));
                    break;
            }
        }
    }

    private static bool IsYaml(string name) =>
        name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    internal static string NormalizeUrl(string url) =>
        url.Contains("://", StringComparison.Ordinal) ? url : System.IO.Path.GetFullPath(url);

    private static string CacheKey(string url) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(url)))[..16];
}

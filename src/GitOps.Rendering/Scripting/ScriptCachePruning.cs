namespace GitOps.Rendering.Scripting;

/// <summary>How much the compile cache may keep: entries unused for longer than <see cref="MaxUnusedAge"/> go, and
/// past <see cref="MaxBytes"/> in total the least recently used go first.</summary>
/// <param name="MaxUnusedAge">Entries whose last use is older are removed.</param>
/// <param name="MaxBytes">The cache's total size above which least recently used entries are removed.</param>
internal sealed record CacheLimits(TimeSpan MaxUnusedAge, long MaxBytes)
{
    /// <summary>30 days unused, 256 MB in all (an entry is typically 20 to 200 KB).</summary>
    public static CacheLimits Default { get; } = new(TimeSpan.FromDays(30), 256L * 1024 * 1024);
}

/// <summary>
/// Keeps the compile cache bounded. Every key change (a script edit, a new tool build) adds an entry and nothing
/// else ever removes one, so after each store the cache drops entries by last use (an entry folder's modification
/// time, refreshed on hits) and leftover staging folders of interrupted stores.
/// </summary>
internal static class ScriptCachePruning
{
    /// <summary>A staging folder this old belongs to no store still running.</summary>
    private static readonly TimeSpan AbandonedStaging = TimeSpan.FromHours(1);

    /// <summary>Hits refresh the last-use time at most this often, so warm renders rarely write to the cache.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromHours(1);

    /// <summary>Records a hit on <paramref name="entry"/> (best effort: a read-only cache only prunes earlier).</summary>
    public static void MarkUsed(string entry, DateTime nowUtc)
    {
        try
        {
            if (nowUtc - Directory.GetLastWriteTimeUtc(entry) > LastUseResolution)
            {
                Directory.SetLastWriteTimeUtc(entry, nowUtc);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or vanished entry: the hit still counts, only pruning may come earlier.
        }
    }

    /// <summary>
    /// Removes what <paramref name="limits"/> does not allow, except <paramref name="keep"/> (the entry just stored);
    /// returns the names of the removed folders. Only folders named like cache entries are touched, so a cache
    /// directory shared with other files loses nothing else.
    /// </summary>
    public static IReadOnlyList<string> Prune(string directory, DateTime nowUtc, CacheLimits limits, string? keep = null)
    {
        var removed = new List<string>();
        if (!Directory.Exists(directory))
        {
            return removed;
        }

        var entries = new List<(DirectoryInfo Folder, DateTime LastUsed, long Bytes)>();
        foreach (var folder in new DirectoryInfo(directory).EnumerateDirectories())
        {
            var isKey = IsKey(folder.Name);
            var staging = !isKey && folder.Name.Length > KeyLength && IsKey(folder.Name[..KeyLength]) && folder.Name[KeyLength] == '.'
                && (folder.Name.EndsWith(".tmp", StringComparison.Ordinal) || folder.Name.EndsWith(".removing", StringComparison.Ordinal));
            if (staging)
            {
                var name = folder.Name;
                if (nowUtc - folder.LastWriteTimeUtc > AbandonedStaging && Remove(folder))
                {
                    removed.Add(name);
                }
            }
            else if (isKey && folder.Name != keep)
            {
                entries.Add((folder, folder.LastWriteTimeUtc, Size(folder)));
            }
        }

        var total = entries.Sum(entry => entry.Bytes);
        foreach (var (folder, lastUsed, bytes) in entries.OrderBy(entry => entry.LastUsed).ThenBy(entry => entry.Folder.Name, StringComparer.Ordinal))
        {
            var name = folder.Name;
            if ((nowUtc - lastUsed > limits.MaxUnusedAge || total > limits.MaxBytes) && Remove(folder))
            {
                removed.Add(name);
                total -= bytes;
            }
        }

        return removed;
    }

    // Keys are SHA-256 hashes in lower-case hex (see ScriptCache.Key).
    private const int KeyLength = 64;

    private static bool IsKey(string name) => name.Length == KeyLength && name.All(char.IsAsciiHexDigitLower);

    private static long Size(DirectoryInfo folder)
    {
        try
        {
            return folder.EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // being removed by another process
        }
    }

    // Renamed first, so a concurrent reader sees the whole entry or none; then deleted.
    private static bool Remove(DirectoryInfo folder)
    {
        try
        {
            var doomed = folder.Name.EndsWith(".removing", StringComparison.Ordinal)
                ? folder.FullName
                : Path.Combine(folder.Parent!.FullName, $"{folder.Name}.{Guid.NewGuid():N}.removing");
            if (doomed != folder.FullName)
            {
                folder.MoveTo(doomed);
            }

            Directory.Delete(doomed, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // another process removed it first, or it is not ours to remove; the next prune tries again
        }
    }
}

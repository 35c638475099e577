namespace GitOps.Testing;

/// <summary>
/// The snapshot files on disk: <c>&lt;app&gt;/&lt;object&gt;.verified.yaml</c> (committed) and
/// <c>&lt;app&gt;/&lt;object&gt;.received.yaml</c> (written on a difference; an empty received file means the
/// object is no longer rendered and accepting deletes its snapshot).
/// </summary>
public static class SnapshotFiles
{
    /// <summary>The suffix of committed snapshots.</summary>
    public const string VerifiedSuffix = ".verified.yaml";

    /// <summary>The suffix of snapshots written on a difference.</summary>
    public const string ReceivedSuffix = ".received.yaml";

    /// <summary>
    /// Accepts every <c>*.received.yaml</c> under <paramref name="folder"/>: moves it over its <c>*.verified.yaml</c>,
    /// or deletes both when it is empty (the object is gone). Returns the verified paths changed, relative to the folder.
    /// </summary>
    public static IReadOnlyList<string> AcceptAll(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"'{folder}' does not exist.");
        }

        var accepted = new List<string>();
        foreach (var received in Directory.EnumerateFiles(root, "*" + ReceivedSuffix, SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (received.Split(Path.DirectorySeparatorChar).Any(segment => segment is "bin" or "obj" or ".git"))
            {
                continue;
            }

            var verified = received[..^ReceivedSuffix.Length] + VerifiedSuffix;
            if (new FileInfo(received).Length == 0)
            {
                File.Delete(verified);
                File.Delete(received);
            }
            else
            {
                File.Move(received, verified, overwrite: true);
            }

            accepted.Add(Path.GetRelativePath(root, verified).Replace('\\', '/'));
        }

        return accepted;
    }
}

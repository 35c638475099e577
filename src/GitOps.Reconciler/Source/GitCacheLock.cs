namespace GitOps.Reconciler.Source;

/// <summary>
/// An exclusive, cross-process lock on one cache repository, so reconcilers (or agents) that share a cache directory
/// never fetch into, initialise or write notes to the same repository at once: libgit2 would fail on the other's ref
/// locks, or two inits could interleave. The lock is an OS file lock on a file beside the repository, released when the
/// process dies, so a killed run never leaves the cache locked.
/// </summary>
internal sealed class GitCacheLock : IDisposable
{
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(25);
    private readonly FileStream file;

    private GitCacheLock(FileStream file) => this.file = file;

    /// <summary>Default bound on waiting for another process's fetch to finish.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Takes the lock for a cache repository, waiting while another holder has it. <paramref name="waiting"/> is told
    /// once when the lock is busy. The OS offers no way to await a file lock, so the wait polls it.
    /// </summary>
    public static GitCacheLock Acquire(string repositoryDirectory, TimeSpan? timeout = null, Action? waiting = null)
    {
        var path = repositoryDirectory.TrimEnd(Path.DirectorySeparatorChar) + ".lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var told = false;
        while (true)
        {
            try
            {
                // FileShare.None takes an exclusive flock on Unix (and a share lock on Windows), held until disposed.
                return new GitCacheLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (File.Exists(path))
            {
                if (DateTime.UtcNow >= deadline)
                {
                    throw new ReconcileException($"the git cache {repositoryDirectory} is still locked by another reconciler after {(timeout ?? DefaultTimeout).TotalSeconds:0}s ({path})");
                }

                if (!told)
                {
                    waiting?.Invoke();
                    told = true;
                }

                Thread.Sleep(Retry);
            }
        }
    }

    public void Dispose() => file.Dispose();
}

[assembly: AssemblyFixture(typeof(GitOps.Rendering.Tests.SharedCacheCleanup))]

namespace GitOps.Rendering.Tests;

/// <summary>Deletes the test run's shared compile cache (see <see cref="TempRepo.SharedCache"/>) when the run ends.</summary>
public sealed class SharedCacheCleanup : IDisposable
{
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(TempRepo.SharedCache))
            {
                Directory.Delete(TempRepo.SharedCache, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover folder in the temp directory harms nothing.
        }
    }
}

using System.Runtime.CompilerServices;
using GitOps.Testing;

namespace GitOpsConfig.Tests;

/// <summary>
/// Every environment renders exactly as reviewed: the rendered objects must equal snapshots/&lt;env&gt;/**/*.verified.yaml.
/// A difference writes *.received.yaml and fails with a diff; accept intended changes with
/// `dotnet tool run gitops -- snapshots accept` (or GITOPS_ACCEPT=1 dotnet test) and commit the snapshots.
/// </summary>
public sealed class EnvironmentSnapshots
{
    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public Task Environment_renders_as_reviewed(string environment) => RenderSnapshot.VerifyAsync(RepositoryRoot(), environment);

    /// <summary>The folder holding gitops.csx, found from this file's location so the tests run from anywhere.</summary>
    private static string RepositoryRoot([CallerFilePath] string thisFile = "")
    {
        for (var folder = Path.GetDirectoryName(thisFile); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "gitops.csx")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"no gitops.csx above {thisFile}");
    }
}

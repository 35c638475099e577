using System.CommandLine;

namespace GitOps.Cli;

/// <summary>
/// The shared <c>--repo DIR</c> option of every command that reads a config repository: the folder holding
/// <c>gitops.csx</c>. Without it, the nearest folder at or above the current directory that holds one.
/// </summary>
internal sealed class ConfigRepositoryOption
{
    public Option<DirectoryInfo?> Option { get; } = new("--repo")
    {
        Description = "The config repository (the folder with gitops.csx); default: the nearest one at or above the current directory",
    };

    /// <summary>The config root to use, or an error message when none can be found.</summary>
    public (string? Root, string? Error) Resolve(ParseResult result, string currentDirectory)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Option) is { } given)
        {
            return given.Exists
                ? (given.FullName, null)
                : (null, $"--repo {given.FullName}: no such directory");
        }

        for (var folder = new DirectoryInfo(currentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "gitops.csx")))
            {
                return (folder.FullName, null);
            }
        }

        return (null, $"no gitops.csx in {currentDirectory} or any folder above it; run inside a config repository or pass --repo DIR");
    }
}

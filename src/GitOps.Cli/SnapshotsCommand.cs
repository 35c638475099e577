using System.CommandLine;
using GitOps.Testing;

namespace GitOps.Cli;

/// <summary>`gitops snapshots accept [DIR]`: moves every *.received.yaml over its *.verified.yaml (an empty received file deletes the snapshot).</summary>
internal sealed class SnapshotsCommand : ICliCommand
{
    private readonly Argument<DirectoryInfo?> folder = new("folder") { Description = "Where to look for *.received.yaml files (recursively); default: the current directory", Arity = ArgumentArity.ZeroOrOne };

    public Command Build()
    {
        var accept = new Command("accept", "Accept the snapshots the last test run received: move each *.received.yaml over its *.verified.yaml.");
        accept.Arguments.Add(folder);
        accept.SetAction(result => Accept(result, Console.Out, Console.Error, Directory.GetCurrentDirectory()));
        var command = new Command("snapshots", "Manage GitOps.Testing snapshot files.");
        command.Subcommands.Add(accept);
        return command;
    }

    internal int Accept(ParseResult result, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var root = result.GetValue(folder)?.FullName ?? currentDirectory;
        IReadOnlyList<string> accepted;
        try
        {
            accepted = SnapshotFiles.AcceptAll(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }

        foreach (var path in accepted)
        {
            stdout.WriteLine($"accepted {path}");
        }

        stdout.WriteLine(accepted.Count == 0 ? $"no *.received.yaml files under {root}" : $"{accepted.Count} snapshot(s) accepted under {root}; review and commit them");
        return 0;
    }
}

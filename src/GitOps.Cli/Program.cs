using System.CommandLine;

namespace GitOps.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var root = new RootCommand("gitops: typed C# config for Kubernetes, rendered to git and reconciled into clusters.");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command.Build());
        }

        return await root.Parse(args).InvokeAsync();
    }
}

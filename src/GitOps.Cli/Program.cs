using System.CommandLine;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        PhaseTimer.Mark("main");
        var root = new RootCommand("gitops: typed C# config for Kubernetes, rendered to git and reconciled into clusters.");
        foreach (var command in CliCommands.All())
        {
            root.Subcommands.Add(command.Build());
        }

        var exitCode = await root.Parse(args).InvokeAsync();
        PhaseTimer.Mark("exit");
        return exitCode;
    }
}

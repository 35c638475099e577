using GitOps.Rendering;
using System.CommandLine;
using GitOps.Reconciler.Diagnostics;

namespace GitOps.Cli;

internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        TimingTrace.Mark("main entered");
        var root = new RootCommand("gitops: typed C# config for Kubernetes, rendered to git and reconciled into clusters.");
        using (TimingTrace.Measure("build commands"))
        {
            foreach (var command in CliCommands.All())
            {
                root.Subcommands.Add(command.Build());
            }
        }

        ParseResult parsed;
        using (TimingTrace.Measure("parse arguments"))
        {
            parsed = root.Parse(args);
        }

        try
        {
            using var running = TimingTrace.Measure("run command");
            var exitCode = await parsed.InvokeAsync();
            PhaseTimer.Mark("exit");
            return exitCode;
        }
        finally
        {
            TimingTrace.LoadedAssemblies();
        }
    }
}

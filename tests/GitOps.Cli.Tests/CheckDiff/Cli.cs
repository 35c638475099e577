using System.CommandLine;

namespace GitOps.Cli.Tests.CheckDiff;

/// <summary>Runs one command in-process the way `gitops` parses it, capturing stdout, stderr and the exit code.</summary>
internal static class Cli
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Outcome Check(string repo, params string[] args) => Run(new CheckCommand(), (c, r, o, e) => c.Run(r, o, e, repo), "check", args);

    public static Outcome Diff(string repo, params string[] args) => Run(new DiffCommand(), (c, r, o, e) => c.Run(r, o, e, repo), "diff", args);

    public static Outcome SnapshotsAccept(string cwd, params string[] args) => Run(new SnapshotsCommand(), (c, r, o, e) => c.Accept(r, o, e, cwd), "snapshots", ["accept", .. args]);

    private static Outcome Run<T>(T command, Func<T, ParseResult, TextWriter, TextWriter, int> run, string name, string[] args)
        where T : ICliCommand
    {
        var root = new RootCommand();
        root.Subcommands.Add(command.Build());
        var parsed = root.Parse([name, .. args, .. name is "check" or "diff" ? new[] { "--cache-dir", ConfigRepo.SharedCache } : []]);
        Assert.Empty(parsed.Errors);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = run(command, parsed, stdout, stderr);
        return new Outcome(code, stdout.ToString(), stderr.ToString());
    }
}

using GitOps.Rendering.Diff;
using Spectre.Console;

namespace GitOps.Cli;

/// <summary>`gitops diff --format text`: per environment and app, each object with its changed fields, then its unified diff.</summary>
internal static class DiffTextWriter
{
    public static void Write(IAnsiConsole console, DiffReport report)
    {
        console.Write(new Text($"gitops diff: {report.Base} → {report.Head}\n", new Style(decoration: Decoration.Bold)));
        if (!report.HasDifferences)
        {
            console.WriteLine("no differences in the rendered objects");
            return;
        }

        foreach (var environment in report.Environments.Where(e => e.HasDifferences))
        {
            var title = environment.Name == environment.BaseName ? environment.Name : $"{environment.BaseName} → {environment.Name}";
            var presence = environment.Presence switch
            {
                ChangeKind.Added => " (new environment)",
                ChangeKind.Removed => " (environment removed)",
                _ => "",
            };
            console.Write(new Text($"\n{title}{presence}: {environment.Count(ChangeKind.Added)} added, {environment.Count(ChangeKind.Removed)} removed, {environment.Count(ChangeKind.Changed)} changed\n", new Style(Color.Yellow, decoration: Decoration.Bold)));
            foreach (var app in environment.Apps)
            {
                console.Write(new Text($"  {app}\n", new Style(decoration: Decoration.Bold)));
                foreach (var diff in environment.Objects.Where(o => o.App == app))
                {
                    WriteObject(console, diff);
                }
            }
        }
    }

    private static void WriteObject(IAnsiConsole console, ObjectDiff diff)
    {
        var (marker, colour) = diff.Change switch
        {
            ChangeKind.Added => ("+", Color.Green),
            ChangeKind.Removed => ("-", Color.Red),
            _ => ("~", Color.Yellow),
        };
        console.Write(new Text($"    {marker} {diff.DisplayName} ({diff.Change.ToString().ToLowerInvariant()})\n", new Style(colour)));
        foreach (var field in diff.Fields)
        {
            console.Write(new Text($"        {field}\n"));
        }

        ConsoleOutput.WriteUnifiedDiff(console, diff.Diff, "        ");
    }
}

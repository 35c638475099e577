using Spectre.Console;

namespace GitOps.Cli;

/// <summary>A Spectre console over any writer: colour only for a terminal, and no wrapping, since diffs must stay line-exact.</summary>
internal static class ConsoleOutput
{
    public static IAnsiConsole Create(TextWriter writer, bool colour)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            // The caller decided (a terminal, NO_COLOR unset); the 16 standard colours are all a diff needs.
            Ansi = colour ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 10_000;
        return console;
    }

    /// <summary>True when stdout is a terminal and NO_COLOR is unset.</summary>
    public static bool StdoutWantsColour() =>
        !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>Writes a unified diff line by line: headers bold, removals red, additions green, hunks cyan.</summary>
    public static void WriteUnifiedDiff(IAnsiConsole console, string diff, string indent = "")
    {
        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var style = line switch
            {
                _ when line.StartsWith("---", StringComparison.Ordinal) || line.StartsWith("+++", StringComparison.Ordinal) => new Style(decoration: Decoration.Bold),
                _ when line.StartsWith("@@", StringComparison.Ordinal) => new Style(Color.Aqua),
                _ when line.StartsWith('-') => new Style(Color.Red),
                _ when line.StartsWith('+') => new Style(Color.Green),
                _ => Style.Plain,
            };
            console.Write(new Text(indent + line + "\n", style));
        }
    }
}

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Formatting;

namespace GitOps.Rendering.Import;

/// <summary>Formats generated scripts with Roslyn's formatter, so they read like hand-written C#.</summary>
internal static class ScriptFormatter
{
    private static readonly CSharpParseOptions ScriptOptions = new(kind: SourceCodeKind.Script);

    public static string Format(string script)
    {
        var tree = CSharpSyntaxTree.ParseText(script, ScriptOptions);
        var errors = tree.GetDiagnostics().Where(diagnostic => diagnostic.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"the importer wrote C# that does not parse ({errors[0]}):\n{script}");
        }

        using var workspace = new AdhocWorkspace();
        var options = workspace.Options
            .WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, "\n")
            .WithChangedOption(FormattingOptions.UseTabs, LanguageNames.CSharp, false)
            .WithChangedOption(FormattingOptions.IndentationSize, LanguageNames.CSharp, 4);
        var formatted = Formatter.Format(tree.GetRoot(), workspace, options).ToFullString();
        return formatted.TrimEnd() + "\n";
    }
}

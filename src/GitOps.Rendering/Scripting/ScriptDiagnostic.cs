using Microsoft.CodeAnalysis;

namespace GitOps.Rendering.Scripting;

/// <summary>One compile or run error of a script, formatted like the C# compiler: <c>file(line,col): error CODE: message</c>.</summary>
/// <param name="File">The script, relative to the repository root.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, 0 when unknown (runtime errors).</param>
/// <param name="Code">The compiler code (<c>CS0103</c>) or ours (<c>GITOPS001</c>); empty for runtime errors.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ScriptDiagnostic(string File, int Line, int Column, string Code, string Message)
{
    internal static ScriptDiagnostic At(Location location, string code, string message)
    {
        var span = location.GetMappedLineSpan();
        return new ScriptDiagnostic(span.Path ?? "", span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1, code, message);
    }

    internal static ScriptDiagnostic From(Diagnostic diagnostic) => At(diagnostic.Location, diagnostic.Id, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc/>
    public override string ToString()
    {
        var position = Column > 0 ? $"({Line},{Column})" : Line > 0 ? $"({Line})" : "";
        var code = Code.Length > 0 ? $" {Code}" : "";
        return File.Length == 0 ? $"error{code}: {Message}" : $"{File}{position}: error{code}: {Message}";
    }
}

namespace GitOps.Dsl;

/// <summary>A place in a script: the file (relative to the repository root when the script host compiled it) and the line.</summary>
/// <param name="File">The script file.</param>
/// <param name="Line">The 1-based line.</param>
public sealed record SourceLocation(string File, int Line)
{
    /// <summary>Formats as <c>file(line)</c>, the form compilers use.</summary>
    public override string ToString() => $"{File}({Line})";
}

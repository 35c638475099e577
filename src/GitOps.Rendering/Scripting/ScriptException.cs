namespace GitOps.Rendering.Scripting;

/// <summary>A script failed to compile or threw while running; <see cref="Diagnostics"/> names every file and line.</summary>
public sealed class ScriptException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public ScriptException(IReadOnlyList<ScriptDiagnostic> diagnostics)
        : base(string.Join(Environment.NewLine, diagnostics))
    {
        Diagnostics = diagnostics;
    }

    /// <summary>Creates the exception from one message.</summary>
    public ScriptException(string message)
        : this([new ScriptDiagnostic("", 0, 0, "", message)])
    {
    }

    /// <summary>Creates an exception without errors.</summary>
    public ScriptException()
        : this([])
    {
    }

    /// <summary>Creates the exception from one message and its cause.</summary>
    public ScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
        Diagnostics = [new ScriptDiagnostic("", 0, 0, "", message)];
    }

    /// <summary>Every error, in the order the compiler reported them.</summary>
    public IReadOnlyList<ScriptDiagnostic> Diagnostics { get; }
}

namespace GitOps.Rendering;

/// <summary>The render stopped: scripts failed or objects are invalid. <see cref="Errors"/> holds every message; nothing was written.</summary>
public sealed class RenderException : Exception
{
    /// <summary>Creates the exception from every error found.</summary>
    public RenderException(IReadOnlyList<string> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one message.</summary>
    public RenderException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception from one message and its cause.</summary>
    public RenderException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates an exception without errors.</summary>
    public RenderException()
        : this([])
    {
    }

    /// <summary>Every error message.</summary>
    public IReadOnlyList<string> Errors { get; }
}

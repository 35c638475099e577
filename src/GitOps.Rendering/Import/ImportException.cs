namespace GitOps.Rendering.Import;

/// <summary>Input that cannot be imported: the message names the file (and document or field) at fault.</summary>
public sealed class ImportException : Exception
{
    /// <summary>Creates the exception with a message naming the file at fault.</summary>
    public ImportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public ImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public ImportException()
    {
    }
}

namespace GitOps.Dsl;

/// <summary>A mistake in a script that the compiler cannot see, reported with the script location or the object and field.</summary>
public sealed class DslException : Exception
{
    /// <summary>Creates the exception with a message that names where the mistake is.</summary>
    public DslException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the cause.</summary>
    public DslException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public DslException()
    {
    }
}

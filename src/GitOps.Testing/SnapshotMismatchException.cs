namespace GitOps.Testing;

/// <summary>
/// A rendered environment does not match its committed snapshots. The message lists every missing, dangling,
/// corrupt and changed snapshot with a unified diff, and how to accept the change.
/// </summary>
public sealed class SnapshotMismatchException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public SnapshotMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception without a message.</summary>
    public SnapshotMismatchException()
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SnapshotMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

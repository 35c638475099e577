namespace GitOps.Reconciler;

/// <summary>A run failed for a reason the user can act on; the message names the file, object or field.</summary>
public sealed class ReconcileException : Exception
{
    public ReconcileException()
    {
    }

    public ReconcileException(string message)
        : base(message)
    {
    }

    public ReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

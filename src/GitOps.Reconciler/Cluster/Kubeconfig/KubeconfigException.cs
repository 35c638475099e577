namespace GitOps.Reconciler.Cluster.Kubeconfig;

/// <summary>The cluster configuration cannot be used: a kubeconfig that is missing or wrong, or a broken in-cluster setup. The message names the file and what is wrong.</summary>
public sealed class KubeconfigException : Exception
{
    public KubeconfigException()
    {
    }

    public KubeconfigException(string message)
        : base(message)
    {
    }

    public KubeconfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

using System.Net;

namespace GitOps.Reconciler.Cluster;

/// <summary>The API server answered with an error that retrying cannot fix (or retries ran out).</summary>
internal sealed class KubeApiException(HttpStatusCode statusCode, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = statusCode;
}

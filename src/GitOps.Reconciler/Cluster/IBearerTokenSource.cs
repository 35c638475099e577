namespace GitOps.Reconciler.Cluster;

/// <summary>
/// Hands out the bearer token for a request. Asked on every request, so a token that rotates (a projected
/// service-account token, an exec plugin's credential) is picked up; an implementation caches the token itself.
/// </summary>
internal interface IBearerTokenSource
{
    ValueTask<string> GetTokenAsync(CancellationToken cancellationToken);
}

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// A bearer token kept in a file that is replaced while the process runs: the kubelet rewrites a projected
/// service-account token well before it expires (at 80% of a lifetime of at least ten minutes). Re-read at most once
/// a minute, as client-go and KubernetesClient's TokenFileAuth do, so a rotated token is in use within a minute
/// without reading the file for every request.
/// </summary>
internal sealed class TokenFile(string path, TimeProvider clock) : IBearerTokenSource
{
    public static readonly TimeSpan RereadInterval = TimeSpan.FromMinutes(1);

    private volatile ReadToken? current;

    public string Path => path;

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cached = current;
        if (cached is not null && now - cached.ReadAt < RereadInterval)
        {
            return cached.Token;
        }

        string token;
        try
        {
            token = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && cached is not null)
        {
            // As client-go: a failed re-read keeps the token that worked; the next request tries the file again.
            return cached.Token;
        }

        current = new ReadToken(token, now);
        return token;
    }

    private sealed record ReadToken(string Token, DateTimeOffset ReadAt);
}

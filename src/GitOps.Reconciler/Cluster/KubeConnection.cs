using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOps.Reconciler.Cluster.Kubeconfig;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// One authenticated connection pool to an API server, built from a <see cref="ClusterConfiguration"/> as
/// KubernetesClient builds its own (TLS trust, client certificate, bearer or basic credentials) but without
/// constructing <c>k8s.Kubernetes</c>: that client and its typed API cost the agent about 16 MiB of resident memory
/// (KubernetesClient.dll's code pages, type loads and JIT) for requests <see cref="KubeApi"/> sends as raw JSON anyway.
/// </summary>
internal sealed class KubeConnection : IDisposable
{
    private readonly IBearerTokenSource? tokenSource;
    private readonly AuthenticationHeaderValue? fixedAuthorization;
    private readonly ServerCertificateCheck? certificateCheck;

    private KubeConnection(Uri baseUri, HttpClient http, IBearerTokenSource? tokenSource, AuthenticationHeaderValue? fixedAuthorization, ServerCertificateCheck? certificateCheck)
    {
        BaseUri = baseUri;
        Http = http;
        this.tokenSource = tokenSource;
        this.fixedAuthorization = fixedAuthorization;
        this.certificateCheck = certificateCheck;
    }

    /// <summary>The server URL, ending in '/' so that paths resolve below a proxy prefix (<c>https://proxy/k8s/clusters/c1/</c>).</summary>
    public Uri BaseUri { get; }

    public HttpClient Http { get; }

    /// <summary>Why the API server's certificate was last refused, for an error that says so; null when it never was.</summary>
    public string? CertificateRefusal => certificateCheck?.LastRefusal;

    /// <summary>How many times the API server's certificate was refused so far.</summary>
    public int CertificateRefusals => certificateCheck?.Refusals ?? 0;

    /// <summary>
    /// Builds the connection; throws <see cref="KubeconfigException"/> for a missing or malformed server URL and for
    /// client certificate data or files that cannot be used.
    /// </summary>
    public static KubeConnection Create(ClusterConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration.Server))
        {
            throw new KubeconfigException("the cluster configuration names no API server (host)");
        }

        if (!Uri.TryCreate(configuration.Server.TrimEnd('/') + "/", UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            throw new KubeconfigException($"the API server URL '{configuration.Server}' is not an http or https URL");
        }

        var handler = new SocketsHttpHandler
        {
            // Reconnects now and then, so a moved API server endpoint (DNS, load balancer) is picked up in a long-running agent.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        ServerCertificateCheck? check = null;
        if (baseUri.Scheme == Uri.UriSchemeHttps)
        {
            if (configuration.SkipTlsVerify)
            {
                // The user asked for it (insecure-skip-tls-verify), as kubectl allows.
#pragma warning disable CA5359
                handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
            }
            else
            {
                check = new ServerCertificateCheck(configuration.CertificateAuthorities, configuration.TlsServerName, baseUri.Authority);
                handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) => check.Validate(certificate, chain, errors);
            }
        }

        // Loaded whatever the scheme, as KubernetesClient does: a broken certificate is a configuration error either way.
        try
        {
            if (ClientCertificate.Load(configuration) is { } clientCertificate)
            {
                handler.SslOptions.ClientCertificates = new X509CertificateCollection { clientCertificate };
            }
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            handler.Dispose();
            // Reported as a configuration error: the CLI names it and exits non-zero.
            throw new KubeconfigException($"the cluster configuration's client certificate cannot be used: {e.Message}", e);
        }

        // Each request has its own deadline (RetryPolicy.RequestTimeout); the client adds none of its own.
        var http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        if (configuration.UserAgent is { Length: > 0 } userAgent)
        {
            http.DefaultRequestHeaders.UserAgent.ParseAdd(userAgent);
        }

        return new KubeConnection(baseUri, http, configuration.TokenSource, FixedAuthorization(configuration), check);
    }

    /// <summary>
    /// Sets the request's credentials. A token provider (exec plugin, in-cluster token file) is asked on every request,
    /// so it can refresh an expiring token; it caches the token itself.
    /// </summary>
    public async ValueTask AuthenticateAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Authorization = tokenSource is not null
            ? new AuthenticationHeaderValue("Bearer", await tokenSource.GetTokenAsync(cancellationToken))
            : fixedAuthorization;
    }

    /// <summary>As KubernetesClient: a token provider first, then a static bearer token, then basic authentication.</summary>
    private static AuthenticationHeaderValue? FixedAuthorization(ClusterConfiguration configuration) =>
        configuration.TokenSource is not null ? null
        : !string.IsNullOrEmpty(configuration.AccessToken) ? new AuthenticationHeaderValue("Bearer", configuration.AccessToken)
        : !string.IsNullOrEmpty(configuration.Username)
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{configuration.Username}:{configuration.Password}")))
            : null;

    public void Dispose() => Http.Dispose();
}

using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// Decides whether the API server's certificate is trusted, as client-go does: with a certificate authority from the
/// configuration, that CA alone is the root of trust (the system store is not consulted, so a public CA cannot vouch
/// for a private cluster); without one, the system store decides. The reason for the last refusal is kept, because
/// the TLS stack only reports "rejected by the validation callback".
/// </summary>
internal sealed class ServerCertificateCheck(X509Certificate2Collection? authorities, string? serverName, string host)
{
    private volatile string? lastRefusal;
    private int refusals;

    /// <summary>Why the last server certificate was refused; null when none was.</summary>
    public string? LastRefusal => lastRefusal;

    /// <summary>How many certificates were refused so far: tells a caller whether its own failed request was one.</summary>
    public int Refusals => Volatile.Read(ref refusals);

    public bool Validate(X509Certificate? presented, X509Chain? builtChain, SslPolicyErrors errors)
    {
        var refusal = Refusal(presented, builtChain, errors);
        if (refusal is not null)
        {
            lastRefusal = refusal;
            Interlocked.Increment(ref refusals);
        }

        return refusal is null;
    }

    private string? Refusal(X509Certificate? presented, X509Chain? builtChain, SslPolicyErrors errors)
    {
        if (presented is not X509Certificate2 certificate)
        {
            return $"the API server {host} presented no certificate";
        }

        // SocketsHttpHandler always checks the name against the URL's host (it overrides SslOptions.TargetHost), so a
        // tls-server-name is checked here instead, and a mismatch with the URL's host does not count then.
        if (serverName is { Length: > 0 })
        {
            errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
            if (!certificate.MatchesHostname(serverName))
            {
                return $"the API server's certificate ({certificate.Subject}) is not valid for tls-server-name '{serverName}'";
            }
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the API server's certificate ({certificate.Subject}) is not valid for {host}";
        }

        if (authorities is not { Count: > 0 })
        {
            return errors == SslPolicyErrors.None ? null
                : $"the API server's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not trusted by this system, and the configuration names no certificate authority: {errors}";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (builtChain is not null)
        {
            // Intermediates the server sent along.
            foreach (var element in builtChain.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var why = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        return $"the API server's certificate ({certificate.Subject}, issued by {certificate.Issuer}) is not signed by the cluster's certificate authority ({string.Join(", ", authorities.Select(a => a.Subject))}): {why}";
    }
}

using System.Security.Cryptography.X509Certificates;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace GitOps.Reconciler.Source;

/// <summary>
/// Trust for an https:// remote whose certificate a private CA signed (a self-hosted git server): libgit2 checks the
/// certificate against the system store first, and only a certificate it rejects is checked again here against the CA
/// file - a chain to one of its certificates and a name matching the host. Nothing is ever accepted unchecked.
/// </summary>
internal static class GitRemoteTrust
{
    /// <summary>The certificate check for fetch and push options; null (libgit2's own check only) without a CA file.</summary>
    public static CertificateCheckHandler? For(string? caFile)
    {
        if (caFile is null)
        {
            return null;
        }

        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(caFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new ReconcileException($"git CA file {caFile} cannot be read: {e.Message}");
        }

        if (authorities.Count == 0)
        {
            throw new ReconcileException($"git CA file {caFile} holds no PEM certificate");
        }

        return (certificate, valid, host) => valid || (certificate is CertificateX509 { Certificate: { } presented } && IsTrusted(presented, authorities, host));
    }

    private static bool IsTrusted(X509Certificate presented, X509Certificate2Collection authorities, string host)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf) && leaf.MatchesHostname(host);
    }
}

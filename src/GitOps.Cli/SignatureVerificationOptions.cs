using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Signatures;

namespace GitOps.Cli;

/// <summary>
/// The --verify-signatures, --allowed-signers and --gpg-keyring options, shared by `gitops agent` and
/// `gitops reconcile` so both accept the same flags and turn them into the same <see cref="SignaturePolicy"/>.
/// </summary>
internal sealed class SignatureVerificationOptions
{
    public Option<bool> Verify { get; } = new("--verify-signatures") { Description = "Refuse rendered commits that are unsigned or not signed by a trusted key" };

    public Option<string?> AllowedSigners { get; } = new("--allowed-signers") { Description = "SSH allowed_signers file of trusted keys" };

    public Option<string?> GpgKeyring { get; } = new("--gpg-keyring") { Description = "GPG home directory holding the trusted public keys" };

    public IEnumerable<Option> All => [Verify, AllowedSigners, GpgKeyring];

    /// <summary>The policy to enforce, or null when verification is off; refuses --verify-signatures without any trusted keys.</summary>
    public static SignaturePolicy? Policy(bool verify, string? allowedSigners, string? gpgKeyring) =>
        !verify ? null
        : allowedSigners is null && gpgKeyring is null ? throw new ReconcileException("--verify-signatures needs --allowed-signers FILE or --gpg-keyring DIR")
        : new SignaturePolicy(allowedSigners, gpgKeyring);
}

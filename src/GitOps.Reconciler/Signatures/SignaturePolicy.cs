namespace GitOps.Reconciler.Signatures;

/// <summary>
/// Which keys may sign rendered commits: an SSH <c>allowed_signers</c> file (the format of
/// <c>gpg.ssh.allowedSignersFile</c>) and/or a GPG home directory whose public keys are trusted.
/// </summary>
public sealed record SignaturePolicy(string? AllowedSignersFile, string? GpgHome)
{
    /// <summary>The signature namespace git uses for commits.</summary>
    internal const string SshNamespace = "git";
}

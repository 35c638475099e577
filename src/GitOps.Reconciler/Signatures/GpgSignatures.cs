namespace GitOps.Reconciler.Signatures;

/// <summary>OpenPGP commit signatures through gpg, with the trusted public keys in a dedicated home directory.</summary>
internal static class GpgSignatures
{
    public static async Task<SignatureVerdict> VerifyAsync(SignaturePolicy policy, string commitSha, string signature, string payload, CancellationToken cancellationToken)
    {
        var shortSha = commitSha[..12];
        if (policy.GpgHome is not { } home)
        {
            return new SignatureVerdict(SignatureState.UnknownKey, $"commit {shortSha} has a GPG signature but no --gpg-keyring is configured");
        }

        var signatureFile = Path.Combine(Path.GetTempPath(), $"gitops-sig-{Guid.NewGuid():N}.asc");
        await File.WriteAllTextAsync(signatureFile, signature, cancellationToken);
        try
        {
            // "-" reads the signed data from stdin; --status-fd gives machine-readable results.
            var (_, status, stderr) = await ExternalTool.RunAsync(
                "gpg", ["--homedir", home, "--batch", "--no-tty", "--status-fd", "1", "--verify", signatureFile, "-"], payload, null, cancellationToken);
            var lines = status.Split('\n', StringSplitOptions.TrimEntries);
            if (lines.FirstOrDefault(l => l.StartsWith("[GNUPG:] GOODSIG ", StringComparison.Ordinal)) is { } good
                && lines.Any(l => l.StartsWith("[GNUPG:] VALIDSIG ", StringComparison.Ordinal)))
            {
                return new SignatureVerdict(SignatureState.Good, $"commit {shortSha} signed by {good["[GNUPG:] GOODSIG ".Length..]} (gpg)");
            }

            if (lines.Any(l => l.StartsWith("[GNUPG:] BADSIG ", StringComparison.Ordinal)))
            {
                return new SignatureVerdict(SignatureState.Bad, $"commit {shortSha}: the GPG signature does not verify");
            }

            return lines.Any(l => l.StartsWith("[GNUPG:] NO_PUBKEY ", StringComparison.Ordinal) || l.StartsWith("[GNUPG:] ERRSIG ", StringComparison.Ordinal))
                ? new SignatureVerdict(SignatureState.UnknownKey, $"commit {shortSha} is signed by a GPG key that is not in the keyring")
                : new SignatureVerdict(SignatureState.Bad, $"commit {shortSha}: gpg could not verify the signature: {SshSignatures.FirstLine(stderr, status)}");
        }
        finally
        {
            File.Delete(signatureFile);
        }
    }

    /// <summary>Signs a commit payload with <c>gpg --detach-sign --armor</c> as the given key.</summary>
    public static async Task<string> SignAsync(string keyId, string payload, string? gpgHome, CancellationToken cancellationToken)
    {
        string[] home = gpgHome is null ? [] : ["--homedir", gpgHome];
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(
            "gpg", [.. home, "--batch", "--no-tty", "--detach-sign", "--armor", "--local-user", keyId], payload, null, cancellationToken);
        return exit == 0 && stdout.Contains("BEGIN PGP SIGNATURE", StringComparison.Ordinal)
            ? stdout
            : throw new ReconcileException($"gpg could not sign as {keyId}: {SshSignatures.FirstLine(stderr, stdout)}");
    }
}

namespace GitOps.Reconciler.Signatures;

/// <summary>SSH commit signatures (git's gpg.format=ssh) through ssh-keygen.</summary>
internal static class SshSignatures
{
    public static async Task<SignatureVerdict> VerifyAsync(SignaturePolicy policy, string commitSha, string signature, string payload, CancellationToken cancellationToken)
    {
        var shortSha = commitSha[..12];
        if (policy.AllowedSignersFile is not { } allowed)
        {
            return new SignatureVerdict(SignatureState.UnknownKey, $"commit {shortSha} has an SSH signature but no --allowed-signers file is configured");
        }

        var signatureFile = Path.Combine(Path.GetTempPath(), $"gitops-sig-{Guid.NewGuid():N}.sig");
        await File.WriteAllTextAsync(signatureFile, signature, cancellationToken);
        try
        {
            var (found, principals, _) = await ExternalTool.RunAsync(
                "ssh-keygen", ["-Y", "find-principals", "-s", signatureFile, "-f", allowed], null, null, cancellationToken);
            var principal = principals.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
            if (found != 0 || principal is null)
            {
                return new SignatureVerdict(SignatureState.UnknownKey, $"commit {shortSha} is signed by an SSH key that is not in {Path.GetFileName(allowed)}");
            }

            var (verified, stdout, stderr) = await ExternalTool.RunAsync(
                "ssh-keygen", ["-Y", "verify", "-f", allowed, "-I", principal, "-n", SignaturePolicy.SshNamespace, "-s", signatureFile], payload, null, cancellationToken);
            return verified == 0
                ? new SignatureVerdict(SignatureState.Good, $"commit {shortSha} signed by {principal} (ssh)")
                : new SignatureVerdict(SignatureState.Bad, $"commit {shortSha}: the SSH signature of {principal} does not verify: {FirstLine(stderr, stdout)}");
        }
        finally
        {
            File.Delete(signatureFile);
        }
    }

    /// <summary>Signs a commit payload with <c>ssh-keygen -Y sign</c>; returns the armored signature.</summary>
    public static async Task<string> SignAsync(string keyFile, string payload, CancellationToken cancellationToken)
    {
        var (exit, stdout, stderr) = await ExternalTool.RunAsync(
            "ssh-keygen", ["-Y", "sign", "-f", keyFile, "-n", SignaturePolicy.SshNamespace, "-q"], payload, null, cancellationToken);
        return exit == 0 && stdout.Contains("BEGIN SSH SIGNATURE", StringComparison.Ordinal)
            ? stdout
            : throw new ReconcileException($"ssh-keygen could not sign with {keyFile}: {FirstLine(stderr, stdout)}");
    }

    internal static string FirstLine(string preferred, string fallback) =>
        (preferred.Trim().Length > 0 ? preferred : fallback).Trim().Split('\n')[0];
}

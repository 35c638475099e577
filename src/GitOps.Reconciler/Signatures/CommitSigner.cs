using LibGit2Sharp;

namespace GitOps.Reconciler.Signatures;

/// <summary>
/// Signs the tip commit of a branch in place: the same tree, parents, author, committer and message, with the
/// signature in the <c>gpgsig</c> header, and the branch moved to the signed commit. Used right after
/// <c>gitops render</c> commits, before anything is pushed, so no published history is rewritten.
/// </summary>
/// <remarks>
/// SSH (Ed25519) signatures are deterministic, so the same render signed with the same key gives the same commit id;
/// GPG signatures embed a creation time, so GPG-signed rendered commits differ between runs.
/// </remarks>
public static class CommitSigner
{
    /// <summary>Parses <c>ssh:KEYFILE</c> or <c>gpg:KEYID</c>.</summary>
    public static (string Method, string Key) ParseSpec(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        var (method, key) = colon < 0 ? (spec, "") : (spec[..colon], spec[(colon + 1)..]);
        return method is "ssh" or "gpg" && key.Length > 0
            ? (method, key)
            : throw new ReconcileException($"--sign '{spec}': expected ssh:KEYFILE or gpg:KEYID");
    }

    /// <summary>Replaces the branch tip (which must be <paramref name="expectedSha"/>) with a signed copy; returns its SHA.</summary>
    public static Task<string> SignBranchTipAsync(string repositoryPath, string branch, string expectedSha, string spec, CancellationToken cancellationToken = default) =>
        SignBranchTipAsync(repositoryPath, branch, expectedSha, spec, gpgHome: null, cancellationToken);

    /// <summary>As above, with GPG keys from <paramref name="gpgHome"/> instead of <c>$GNUPGHOME</c>.</summary>
    internal static async Task<string> SignBranchTipAsync(string repositoryPath, string branch, string expectedSha, string spec, string? gpgHome, CancellationToken cancellationToken)
    {
        var (method, key) = ParseSpec(spec);
        using var repository = new Repository(Repository.Discover(Path.GetFullPath(repositoryPath)) ?? repositoryPath);
        var reference = repository.Refs[$"refs/heads/{branch}"] ?? throw new ReconcileException($"branch '{branch}' does not exist");
        var tip = repository.Lookup<Commit>(reference.ResolveToDirectReference().TargetIdentifier);
        if (tip.Sha != expectedSha)
        {
            throw new ReconcileException($"branch '{branch}' moved to {tip.Sha[..12]} before it could be signed; render again");
        }

        var payload = Commit.CreateBuffer(tip.Author, tip.Committer, tip.Message, tip.Tree, tip.Parents, prettifyMessage: false, commentChar: null);
        var signature = method == "ssh"
            ? await SshSignatures.SignAsync(key, payload, cancellationToken)
            : await GpgSignatures.SignAsync(key, payload, gpgHome, cancellationToken);
        var signed = repository.ObjectDatabase.CreateCommitWithSignature(payload, signature);
        repository.Refs.UpdateTarget(reference, signed, $"render: signed {tip.MessageShort}");
        return signed.Sha;
    }
}

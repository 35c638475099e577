using System.Collections.Concurrent;
using LibGit2Sharp;

namespace GitOps.Reconciler.Signatures;

/// <summary>
/// Verifies the <c>gpgsig</c> header of commits: SSH signatures through <c>ssh-keygen -Y find-principals</c> and
/// <c>-Y verify</c> against the allowed signers, PGP signatures through <c>gpg --verify</c> with the given keyring.
/// Verdicts are cached per commit, since a commit's content never changes.
/// </summary>
internal sealed class CommitSignatureVerifier(SignaturePolicy policy)
{
    private readonly ConcurrentDictionary<string, SignatureVerdict> verdicts = new(StringComparer.Ordinal);

    public async Task<SignatureVerdict> VerifyAsync(string repositoryDirectory, string commitSha, CancellationToken cancellationToken)
    {
        if (verdicts.TryGetValue(commitSha, out var cached))
        {
            return cached;
        }

        string signature;
        string payload;
        using (var repository = new Repository(repositoryDirectory))
        {
            if (repository.Lookup<Commit>(commitSha) is null)
            {
                throw new ReconcileException($"commit {commitSha} is not in {repositoryDirectory}; fetch it first");
            }

            try
            {
                var info = Commit.ExtractSignature(repository, new ObjectId(commitSha));
                (signature, payload) = (info.Signature, info.SignedData);
            }
            catch (NotFoundException)
            {
                return verdicts[commitSha] = new SignatureVerdict(SignatureState.NotSigned, $"commit {commitSha[..12]} is not signed");
            }
        }

        var verdict = signature.Contains("BEGIN SSH SIGNATURE", StringComparison.Ordinal)
            ? await SshSignatures.VerifyAsync(policy, commitSha, signature, payload, cancellationToken)
            : await GpgSignatures.VerifyAsync(policy, commitSha, signature, payload, cancellationToken);
        return verdicts[commitSha] = verdict;
    }
}

using System.CommandLine;
using GitOps.Reconciler;
using GitOps.Reconciler.Signatures;

namespace GitOps.Cli;

/// <summary>`gitops render --sign ssh:KEYFILE|gpg:KEYID`: signs the rendered commit just made, before it is pushed.</summary>
internal static class RenderSigning
{
    public static Option<string?> CreateOption() => new("--sign")
    {
        Description = "Sign the rendered commit: ssh:KEYFILE (ssh-keygen -Y sign) or gpg:KEYID (gpg --detach-sign); agents verify with --verify-signatures",
    };

    /// <summary>Signs the new branch tip; returns the signed commit's SHA, or null (after writing why) when signing failed.</summary>
    public static string? Sign(string repositoryRoot, string branch, string commitSha, string spec, TextWriter stderr)
    {
        try
        {
            return CommitSigner.SignBranchTipAsync(repositoryRoot, branch, commitSha, spec).GetAwaiter().GetResult();
        }
        catch (ReconcileException e)
        {
            stderr.WriteLine($"error: {e.Message}; the branch keeps the unsigned commit {commitSha}");
            return null;
        }
    }
}

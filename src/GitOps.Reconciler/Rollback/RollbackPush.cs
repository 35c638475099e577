using GitOps.Reconciler.Signatures;

namespace GitOps.Reconciler.Rollback;

/// <summary>Where a rollback was pushed: the remote, and the source and rendered refs updated there.</summary>
public sealed record RollbackPushResult(string Remote, string SourceRef, string RenderedRef);

/// <summary>
/// The last step of `gitops rollback`: pushes the revert commit on the source branch, and the rendered branch made
/// from it, to the source branch's remote in one atomic push, so the agents see the rollback without a manual push.
/// A rejected push (someone pushed meanwhile) changes nothing on the remote and keeps the local commits.
/// </summary>
public static class RollbackPush
{
    /// <param name="configRoot">The config repository's working tree, on the source branch.</param>
    /// <param name="renderedBranch">The local rendered branch, pushed to the same name.</param>
    /// <param name="remote">The remote to push to; default: the source branch's upstream remote, else <c>origin</c>.</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <returns>Null when no remote is given and the repository has neither an upstream nor <c>origin</c>.</returns>
    public static async Task<RollbackPushResult?> PushAsync(string configRoot, string renderedBranch, string? remote, CancellationToken cancellationToken = default)
    {
        var (detached, branch, _) = await GitAsync(configRoot, ["symbolic-ref", "--quiet", "--short", "HEAD"], cancellationToken);
        if (detached != 0)
        {
            throw new ReconcileException($"{configRoot} is on a detached HEAD: check out the source branch to push the rollback");
        }

        branch = branch.Trim();
        remote ??= await ConfigAsync(configRoot, $"branch.{branch}.remote", cancellationToken)
            ?? ((await GitAsync(configRoot, ["remote"], cancellationToken)).Stdout.Split('\n').Any(r => r.Trim() == "origin") ? "origin" : null);
        if (remote is null)
        {
            return null;
        }

        var sourceRef = await ConfigAsync(configRoot, $"branch.{branch}.merge", cancellationToken) ?? $"refs/heads/{branch}";
        var renderedRef = $"refs/heads/{renderedBranch}";
        var (exit, stdout, stderr) = await GitAsync(configRoot, ["push", "--atomic", "--quiet", remote, $"HEAD:{sourceRef}", $"{renderedRef}:{renderedRef}"], cancellationToken);
        return exit == 0
            ? new RollbackPushResult(remote, sourceRef, renderedRef)
            : throw new ReconcileException($"pushing the rollback to '{remote}' failed (nothing was pushed; the commits are kept locally, pull and push again): {SshSignatures.FirstLine(stderr, stdout)}");
    }

    private static async Task<string?> ConfigAsync(string root, string key, CancellationToken cancellationToken)
    {
        var (exit, stdout, _) = await GitAsync(root, ["config", "--get", key], cancellationToken);
        return exit == 0 && stdout.Trim() is { Length: > 0 } value ? value : null;
    }

    private static Task<(int Exit, string Stdout, string Stderr)> GitAsync(string root, string[] args, CancellationToken cancellationToken) =>
        ExternalTool.RunAsync("git", ["-C", root, .. args], null, null, cancellationToken);
}

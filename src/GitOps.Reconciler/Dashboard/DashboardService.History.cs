using GitOps.Reconciler.Status;
using LibGit2Sharp;

namespace GitOps.Reconciler.Dashboard;

internal sealed partial class DashboardService
{
    /// <summary>The agent's reconciles, newest first, each with its rendered and source commit when the repository is known.</summary>
    public async Task<IReadOnlyList<HistoryEntry>?> HistoryAsync(string inventory, CancellationToken cancellationToken)
    {
        if (onlyInventory is not null && inventory != onlyInventory
            || await new ClusterStatusStore(api, ns, inventory).ReadAsync(cancellationToken) is not { } data)
        {
            return null;
        }

        var records = ClusterStatusStore.Records(data).History.Reverse().ToList();
        if (repository is null)
        {
            return [.. records.Select(r => new HistoryEntry(new CommitView(r.Commit, null, null, null), null, r.At, r.Trigger, r.Result, r.Error))];
        }

        return await repository.ReadAsync(
            records.FirstOrDefault()?.Commit,
            r => records.Select(record => new HistoryEntry(RenderedRepoView.View(r, record.Commit), RenderedRepoView.SourceOf(r, record.Commit), record.At, record.Trigger, record.Result, record.Error)).ToList(),
            cancellationToken);
    }

    /// <summary>What a rendered commit changed under the environment's path, per app, as unified diffs against its parent.</summary>
    public async Task<CommitDiff?> CommitDiffAsync(string inventory, string sha, CancellationToken cancellationToken)
    {
        if (repository is null || await EnvironmentPathAsync(inventory, cancellationToken) is not { } path)
        {
            return null;
        }

        var root = path.Trim('/') is "" or "." ? "" : path.Trim('/') + "/";
        return await repository.ReadAsync(sha, r =>
        {
            if (r.Lookup<Commit>(sha) is not { } commit)
            {
                return null;
            }

            var parent = commit.Parents.FirstOrDefault();
            var patch = r.Diff.Compare<Patch>(parent?.Tree, commit.Tree, new CompareOptions { ContextLines = 3 });
            var files = patch
                .Where(e => e.Path.StartsWith(root, StringComparison.Ordinal) || (e.OldPath?.StartsWith(root, StringComparison.Ordinal) ?? false))
                .Select(e => (App: ObjectViews.AppOf(e.Path, root), File: new FileDiff(e.Path, e.Status.ToString().ToLowerInvariant(), MaskSecretPatch(e.Patch))))
                .GroupBy(x => x.App)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new AppDiff(g.Key, [.. g.Select(x => x.File)]))
                .ToList();
            return new CommitDiff(commit.Sha, parent?.Sha, files);
        }, cancellationToken);
    }

    /// <summary>A diff of a Secret manifest would show its values, so only the fact of the change is shown.</summary>
    private static string MaskSecretPatch(string patch) =>
        patch.Split('\n').Any(l => l.Length > 0 && l[1..].TrimEnd() == "kind: Secret")
            ? "(a Secret changed; its content is not shown)\n"
            : patch;
}

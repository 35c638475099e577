using System.Text.Json.Nodes;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Reconciler.Status;

internal static partial class OneShotReport
{
    /// <summary>
    /// The note `gitops agent --write-back` would push for this outcome, so `gitops history` and `gitops status --repo`
    /// show one-shot runs too; null when there is nothing new to tell. <paramref name="statusData"/> is what was
    /// computed for the status ConfigMap: its cluster name, and whether the run earned a history entry (a re-run that
    /// found its commit applied and changed nothing did not, and pushes no note either). Without it (the status could
    /// not be read) the note is written with the name given, else the default.
    /// </summary>
    private static DeploymentNote? NoteFor(ReconcileOptions options, RunOutcome outcome, ReconcileResult result, JsonObject? statusData, DateTimeOffset at)
    {
        if (result.Commit is null || outcome == RunOutcome.FetchFailed || (statusData is not null && !statusData.ContainsKey(StatusKeys.History)))
        {
            return null;
        }

        var cluster = statusData?[StatusKeys.Cluster]?.GetValue<string>() ?? options.ClusterName ?? ReconcileOptions.DefaultClusterName;
        var error = ReconcileSummary.Error(result);

        // The agent's words: "not applied" for a refused commit, "not healthy" for a failed reconcile.
        return outcome == RunOutcome.Applied ? new DeploymentNote(cluster, options.Path, DeploymentNote.Healthy, at, null)
            : outcome == RunOutcome.Refused ? new DeploymentNote(cluster, options.Path, "not applied", at, error)
            : new DeploymentNote(cluster, options.Path, "not healthy", at, error);
    }

    /// <summary>Pushes the note from the run's git cache, where the rendered commit already is; a failure is a warning.</summary>
    private static async Task WriteNoteAsync(ReconcileOptions options, string commit, DeploymentNote note, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            var repository = GitSource.RepositoryDirectory(options.RepositoryUrl, options.CacheDirectory);
            await Task.Run(() => DeploymentNotes.Write(repository, commit, note, options.Credentials, options.GitCaFile), cancellationToken);
        }
        catch (LibGit2Sharp.LibGit2SharpException e)
        {
            warnings.Add($"could not write back the outcome to {DeploymentNote.NotesRef} of {options.RepositoryUrl}: {e.Message}");
        }
    }
}

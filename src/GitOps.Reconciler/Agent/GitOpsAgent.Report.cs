using GitOps.Reconciler.Source;
using GitOps.Reconciler.Status;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Reconciler.Agent;

public sealed partial class GitOpsAgent
{
    private async Task RecordReconcileAsync(ReconcileResult result, string trigger, CancellationToken cancellationToken)
    {
        var commit = result.Commit ?? "";
        var outcome = result.Succeeded ? "success" : "failure";
        Metrics.RecordRun(outcome, result.Duration);
        Metrics.RecordObjects(result);
        Metrics.Pruned.Inc(result.Count(ObjectAction.Pruned));
        var health = ReconcileSummary.Health(result);
        var now = DateTimeOffset.UtcNow;
        var error = ReconcileSummary.Error(result);
        if (result.Succeeded)
        {
            Metrics.LastApplied.Set(now.ToUnixTimeMilliseconds() / 1000.0);
            AgentLog.Applied(logger, commit, options.ClusterName, result.Count(ObjectAction.Created), result.Count(ObjectAction.Configured), result.Count(ObjectAction.Pruned), health, trigger);
            await events.RecordAsync("Applied", ReconcileSummary.AppliedEvent(result, trigger), warning: false, cancellationToken);
            if (ReconcileSummary.PrunedEvent(result) is { } pruned)
            {
                await events.RecordAsync("Pruned", pruned, warning: false, cancellationToken);
            }
        }
        else
        {
            AgentLog.Failed(logger, result.Commit, error ?? "unknown error");
            await events.RecordAsync("ReconcileFailed", ReconcileSummary.FailedEvent(result), warning: true, cancellationToken);
        }

        await WriteBackAsync(commit, result.Succeeded ? DeploymentNote.Healthy : "not healthy", result.Succeeded ? null : error, cancellationToken);
        await FinishAsync(s => s with
        {
            LastAttemptedCommit = result.Commit,
            LastAppliedCommit = result.Succeeded ? result.Commit : s.LastAppliedCommit,
            LastAppliedAt = result.Succeeded ? now : s.LastAppliedAt,
            LastResult = result.Succeeded ? "applied" : "failed",
            LastError = error,
            Health = health,
            Healthy = ReconcileSummary.Healthy(result),
            LastDrift = [],
            RefusedCommit = null,
            Stale = false,
            Suspended = false,
            LastTrigger = trigger,
            History = RecordLists.Append(s.History, [new ReconcileRecord(commit, now, trigger, result.Succeeded ? "applied" : "failed", error)]),
        }, cancellationToken);
    }

    /// <summary>Ends a cycle: updates the in-memory status and writes it to the companion ConfigMap.</summary>
    private async Task FinishAsync(Func<AgentStatus, AgentStatus> change, CancellationToken cancellationToken)
    {
        // Waiters (and so `WaitForAsync` callers) hear of the new status only once the cluster holds it too.
        Update(s => change(s) with { LastRunAt = DateTimeOffset.UtcNow, Cycles = s.Cycles + 1 }, notify: false);
        try
        {
            await WriteStatusAsync(cancellationToken);
        }
        finally
        {
            NotifyWaiters();
        }
    }

    /// <summary>
    /// Writes the whole status, with the history merged with what is stored: one-shot runs append to the stored history
    /// between the agent's writes. The write names the version it merged with, so an entry appended after the read makes
    /// the API server refuse it (409), and the merge is made again from a fresh read.
    /// </summary>
    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string? version = null;
            try
            {
                var (data, readVersion) = await statusStore.ReadVersionedAsync(cancellationToken);
                version = readVersion;
                var stored = ClusterStatusStore.Records(data).History;
                Update(s => s with { History = RecordLists.Merge(s.History, stored) }, notify: false);
            }
            catch (Cluster.KubeApiException e)
            {
                AgentLog.ReportFailed(logger, e.Message);
            }

            try
            {
                await statusStore.WriteAsync(Status, options.ClusterName, options.Reconcile.Path, leadership?.Identity, cancellationToken, version);
                return;
            }
            catch (Cluster.KubeApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict && version is not null && attempt < ClusterStatusStore.MergeAttempts)
            {
                // Written by someone else since it was read: merge again.
            }
            catch (Exception e) when (e is ReconcileException or Cluster.KubeApiException)
            {
                AgentLog.ReportFailed(logger, e.Message);
                return;
            }
        }
    }

    private async Task WriteBackAsync(string commitSha, string outcome, string? reason, CancellationToken cancellationToken)
    {
        if (!(options.WriteBack || options.Reconcile.WriteBack) || commitSha.Length == 0)
        {
            return;
        }

        var reconcile = options.Reconcile;
        var note = new DeploymentNote(options.ClusterName, reconcile.Path, outcome, DateTimeOffset.UtcNow, reason);
        try
        {
            await Task.Run(() => DeploymentNotes.Write(GitSource.RepositoryDirectory(reconcile.RepositoryUrl, reconcile.CacheDirectory), commitSha, note, reconcile.Credentials, reconcile.GitCaFile), cancellationToken);
        }
        catch (LibGit2Sharp.LibGit2SharpException e)
        {
            AgentLog.ReportFailed(logger, $"write-back to {DeploymentNote.NotesRef}: {e.Message}");
        }
    }
}

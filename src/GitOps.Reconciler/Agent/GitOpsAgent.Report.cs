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

    private async Task WriteStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            // The agent writes its whole status; one-shot runs append to the stored history between its writes.
            var stored = ClusterStatusStore.Records(await statusStore.ReadAsync(cancellationToken)).History;
            Update(s => s with { History = RecordLists.Merge(s.History, stored) }, notify: false);
        }
        catch (Cluster.KubeApiException e)
        {
            AgentLog.ReportFailed(logger, e.Message);
        }

        try
        {
            await statusStore.WriteAsync(Status, options.ClusterName, options.Reconcile.Path, leadership?.Identity, cancellationToken);
        }
        catch (Exception e) when (e is ReconcileException or Cluster.KubeApiException)
        {
            AgentLog.ReportFailed(logger, e.Message);
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

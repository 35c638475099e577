using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Agent;

public sealed partial class GitOpsAgent
{
    /// <summary>
    /// One cycle: honour suspend, fetch, and either reconcile a new commit (after the signature, force-push and
    /// sync-window checks) or check the applied one for drift.
    /// </summary>
    internal async Task RunCycleAsync(string trigger, CancellationToken cancellationToken)
    {
        var reconcile = options.Reconcile;
        await EnsureNamespaceAsync(cancellationToken);
        if (await statusStore.IsSuspendedAsync(cancellationToken))
        {
            await FinishAsync(s => s with { LastResult = "suspended", Suspended = true, LastTrigger = trigger }, cancellationToken);
            return;
        }

        var applied = (await inventory.ReadAsync(cancellationToken)).AppliedCommit;

        // The inventory is the truth about what is applied, also for a fresh replica or after a crash.
        Update(s => s with { LastAppliedCommit = applied ?? s.LastAppliedCommit });
        SourceSnapshot snapshot;
        try
        {
            snapshot = await Task.Run(
                () => GitSource.Fetch(reconcile.RepositoryUrl, reconcile.Branch, reconcile.Path, reconcile.CacheDirectory, reconcile.Credentials, caFile: reconcile.GitCaFile),
                cancellationToken);
        }
        catch (ReconcileException e)
        {
            Metrics.FetchFailures.Inc();
            AgentLog.FetchFailed(logger, applied, e.Message);
            var wasStale = Status.Stale;
            if (!wasStale)
            {
                await events.RecordAsync("SourceUnavailable", $"{e.Message}; keeping {Short(applied)} applied", warning: true, cancellationToken);
            }

            await FinishAsync(s => s with { LastResult = "fetch-failed", LastError = e.Message, Stale = true, Suspended = false, LastTrigger = trigger, LastAppliedCommit = applied ?? s.LastAppliedCommit }, cancellationToken);
            await CheckDriftOfAppliedAsync(applied, trigger, cancellationToken);
            return;
        }

        if (snapshot.CommitSha == applied)
        {
            await CheckDriftAsync(snapshot, trigger, cancellationToken);
            return;
        }

        if (await RefusalAsync(snapshot.CommitSha, applied, cancellationToken) is { } refusal)
        {
            await RefuseAsync(snapshot.CommitSha, refusal, trigger, cancellationToken);
            await CheckDriftOfAppliedAsync(applied, trigger, cancellationToken);
            return;
        }

        if (options.SyncWindows is { } windows && !windows.IsOpen(DateTimeOffset.UtcNow))
        {
            var reason = $"outside the sync windows ({windows}); next opens at {windows.NextOpening(DateTimeOffset.UtcNow):u}";
            AgentLog.Skipped(logger, snapshot.CommitSha, reason);
            await FinishAsync(s => s with { LastResult = "outside-window", LastError = reason, Stale = false, Suspended = false, LastTrigger = trigger }, cancellationToken);
            return;
        }

        await ReconcileAsync(snapshot, trigger, cancellationToken);
    }

    private async Task ReconcileAsync(SourceSnapshot snapshot, string trigger, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();

        // Written before the apply starts, so the dashboard and `gitops status` can say "applying".
        Update(s => s with { LastResult = "applying", LastAttemptedCommit = snapshot.CommitSha, LastTrigger = trigger }, notify: false);
        await WriteStatusAsync(cancellationToken);
        var run = new ReconcileRun(options.Reconcile, api, snapshot) { ParsedManifestsReleased = objects => Memory.ReleaseParsed(objects) };
        ReconcileResult result;
        try
        {
            result = await run.ExecuteAsync(cancellationToken);
        }
        catch (Exception e) when (e is ReconcileException or KubeApiException)
        {
            result = run.Result(succeeded: false, e.Message);
        }

        var duration = Stopwatch.GetElapsedTime(started);
        result = result with { Duration = duration };
        await RecordReconcileAsync(result, trigger, cancellationToken);
        Diagnostics.PhaseTimer.Mark("run recorded");
    }

    /// <summary>Why a new commit must not be applied: a signature the policy rejects, or history that was rewritten.</summary>
    private async Task<string?> RefusalAsync(string commitSha, string? applied, CancellationToken cancellationToken)
    {
        var repositoryDirectory = GitSource.RepositoryDirectory(options.Reconcile.RepositoryUrl, options.Reconcile.CacheDirectory);
        if (verifier is not null)
        {
            var verdict = await verifier.VerifyAsync(repositoryDirectory, commitSha, cancellationToken);
            if (!verdict.IsGood)
            {
                // Counted once per refused commit, not once per poll that sees it again.
                if (Status.RefusedCommit != commitSha)
                {
                    Metrics.SignatureFailures.Inc();
                }

                return $"signature refused: {verdict.Message}";
            }
        }

        return options.AllowForcePush || options.Reconcile.AllowForcePush ? null : ForcePushCheck.Refusal(repositoryDirectory, options.Reconcile.Branch, applied, commitSha);
    }

    private async Task RefuseAsync(string commitSha, string reason, string trigger, CancellationToken cancellationToken)
    {
        AgentLog.Refused(logger, commitSha, reason);
        Metrics.RecordRun("refused", TimeSpan.Zero);
        if (Status.RefusedCommit != commitSha)
        {
            await events.RecordAsync("CommitRefused", $"{commitSha[..12]}: {reason}", warning: true, cancellationToken);
            await WriteBackAsync(commitSha, "not applied", reason, cancellationToken);
        }

        var record = Status.RefusedCommit == commitSha ? [] : new[] { new ReconcileRecord(commitSha, DateTimeOffset.UtcNow, trigger, "refused", reason) };
        await FinishAsync(s => s with
        {
            LastResult = "refused", LastError = reason, RefusedCommit = commitSha, LastAttemptedCommit = commitSha, Stale = false, Suspended = false, LastTrigger = trigger,
            History = RecordLists.Append(s.History, record),
        }, cancellationToken);
    }

    private async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        var ns = options.Reconcile.InventoryNamespace;
        if (await api.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(ns)}", cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await api.CreateAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another replica created it first.
        }
    }

    private static string Short(string? sha) => sha is null ? "nothing" : sha[..Math.Min(12, sha.Length)];
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

/// <summary>
/// What one-shot `gitops reconcile` leaves in the cluster after a run, like the agent after a cycle, so
/// `gitops status --kubeconfig`, the dashboard and `kubectl get events` show it: the status ConfigMap next to the
/// inventory, set with one merge patch of only the keys this run knows - its entry appended to the agent's history
/// among them - while what an agent recorded (drift corrections, its cluster name unless one is given) stays, and
/// Events on the inventory for applies, prunes, refusals and failures. A run that changed nothing sends the patch and
/// no Event. With <see cref="ReconcileOptions.WriteBack"/>, the agent's git note on the rendered commit too.
/// </summary>
internal static partial class OneShotReport
{
    /// <summary>The status' <c>lastTrigger</c> for one-shot runs (the agent writes startup, poll, webhook...).</summary>
    public const string Trigger = "reconcile --once";

    public const string FieldManager = "gitops-reconcile";

    /// <summary>Recording is best effort: it must not hold a failed run (an API server that is gone) for minutes.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>Records the run; returns what could not be recorded (as warnings), empty when everything was.</summary>
    /// <param name="options">What the run reconciled.</param>
    /// <param name="api">The cluster.</param>
    /// <param name="outcome">How the run ended.</param>
    /// <param name="result">What it did.</param>
    /// <param name="earlyStatus">The status ConfigMap as read while the branch was fetched, if that read was started.</param>
    /// <param name="cancellationToken">Stops the recording.</param>
    public static async Task<IReadOnlyList<string>> RecordAsync(ReconcileOptions options, KubeApi api, RunOutcome outcome, ReconcileResult result, Task<JsonObject?>? earlyStatus, CancellationToken cancellationToken)
    {
        var ns = options.InventoryNamespace;
        var inventory = options.EffectiveInventoryName;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var warnings = new List<string>();
        var now = DateTimeOffset.UtcNow;
        JsonObject? statusData = null;
        var status = Recorded(
            () => new ClusterStatusStore(api, ns, inventory).MergeAsync(live => statusData = StatusData(options, outcome, result, live, now), earlyStatus, FieldManager, bounded.Token),
            $"the outcome in ConfigMap {ns}/{StatusKeys.ConfigMapName(inventory)}", warnings, cancellationToken);
        var events = Recorded(
            () => RecordEventsAsync(new EventRecorder(api, ns, inventory, FieldManager), outcome, result, bounded.Token),
            $"Events on ConfigMap {ns}/{inventory}", warnings, cancellationToken);
        await Task.WhenAll(status, events);
        if (options.WriteBack && NoteFor(options, outcome, result, statusData, now) is { } note)
        {
            await WriteNoteAsync(options, result.Commit!, note, warnings, cancellationToken);
        }

        return warnings;
    }

    /// <summary>
    /// The keys this run sets, given what the status holds now (<paramref name="live"/>, null when nothing); null
    /// removes a key (a refusal an applied commit supersedes).
    /// </summary>
    internal static JsonObject StatusData(ReconcileOptions options, RunOutcome outcome, ReconcileResult result, IReadOnlyDictionary<string, string>? live, DateTimeOffset at)
    {
        var now = at.ToString("O", CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
            [StatusKeys.Cluster] = options.ClusterName
                ?? (live?.GetValueOrDefault(StatusKeys.Cluster) is { Length: > 0 } recorded ? recorded : ReconcileOptions.DefaultClusterName),
            [StatusKeys.Path] = options.Path,
            [StatusKeys.LastResult] = outcome.Text,
            [StatusKeys.LastError] = ReconcileSummary.Error(result) ?? "",
            [StatusKeys.LastRunTime] = now,
            [StatusKeys.LastTrigger] = Trigger,
            [StatusKeys.Stale] = outcome == RunOutcome.FetchFailed ? "true" : "false",
        };
        if (result.Commit is { } commit)
        {
            data[StatusKeys.LastAttemptedCommit] = commit;
        }

        if (outcome == RunOutcome.Applied)
        {
            data[StatusKeys.LastAppliedCommit] = result.Commit;
            data[StatusKeys.LastAppliedTime] = now;
        }

        if (outcome == RunOutcome.Refused)
        {
            // Health stays what the applied commit last had, as the agent keeps it.
            data[StatusKeys.RefusedCommit] = result.Commit;
        }
        else if (outcome != RunOutcome.FetchFailed)
        {
            data[StatusKeys.Health] = ReconcileSummary.Health(result);
            data[StatusKeys.Healthy] = ReconcileSummary.Healthy(result) ? "true" : "false";
            data[StatusKeys.RefusedCommit] = null;
        }

        if (HistoryEntry(outcome, result, live, at) is { } entry)
        {
            // The same list, cap and record shape as the agent's, so both kinds of run read as one history.
            var history = RecordLists.Append(ClusterStatusStore.Records(live).History, [entry]);
            data[StatusKeys.History] = JsonSerializer.Serialize(history, ClusterStatusStore.RecordJson);
        }

        return data;
    }

    /// <summary>
    /// The run's history entry, as the agent records its reconciles: applied, failed or refused commits. None for a
    /// fetch failure (no commit was attempted; the agent records none either), nor for a re-run that found its commit
    /// applied already and changed nothing - the agent adds none when a poll finds nothing new, and a reconcile run
    /// from cron every few minutes would otherwise push every real change out of the entries kept.
    /// </summary>
    private static ReconcileRecord? HistoryEntry(RunOutcome outcome, ReconcileResult result, IReadOnlyDictionary<string, string>? live, DateTimeOffset at)
    {
        if (result.Commit is not { } commit || outcome == RunOutcome.FetchFailed)
        {
            return null;
        }

        var changed = result.Count(ObjectAction.Created) + result.Count(ObjectAction.Configured) + result.Count(ObjectAction.Pruned) > 0;
        if (outcome == RunOutcome.Applied && !changed && live?.GetValueOrDefault(StatusKeys.LastAppliedCommit) == commit)
        {
            return null;
        }

        return new ReconcileRecord(commit, at, Trigger, outcome.Text, ReconcileSummary.Error(result));
    }

    private static async Task RecordEventsAsync(EventRecorder events, RunOutcome outcome, ReconcileResult result, CancellationToken cancellationToken)
    {
        if (outcome == RunOutcome.Applied)
        {
            // An Event for every unchanged re-run would only bury the ones that say something.
            if (result.Count(ObjectAction.Created) + result.Count(ObjectAction.Configured) > 0)
            {
                await events.RecordAsync("Applied", ReconcileSummary.AppliedEvent(result, Trigger), warning: false, cancellationToken);
            }

            if (ReconcileSummary.PrunedEvent(result) is { } pruned)
            {
                await events.RecordAsync("Pruned", pruned, warning: false, cancellationToken);
            }

            return;
        }

        var (reason, message) = outcome == RunOutcome.Refused ? ("CommitRefused", $"{ReconcileSummary.Short(result.Commit)}: {ReconcileSummary.Error(result)}")
            : outcome == RunOutcome.FetchFailed ? ("SourceUnavailable", ReconcileSummary.Error(result) ?? "fetch failed")
            : ("ReconcileFailed", ReconcileSummary.FailedEvent(result));
        await events.RecordAsync(reason, message, warning: true, cancellationToken);
    }

    private static async Task Recorded(Func<Task> record, string what, List<string> warnings, CancellationToken cancellationToken)
    {
        try
        {
            await record();
        }
        catch (Exception e) when (e is KubeApiException or HttpRequestException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = e is OperationCanceledException ? $"no answer within {Bound.TotalSeconds:0}s" : e.Message;
            lock (warnings)
            {
                warnings.Add($"could not record {what}: {why}");
            }
        }
    }
}

/// <summary>How a one-shot run ended, in the status' <c>lastResult</c> words (the agent's).</summary>
internal sealed record RunOutcome(string Text)
{
    public static readonly RunOutcome Applied = new("applied");
    public static readonly RunOutcome Failed = new("failed");
    public static readonly RunOutcome Refused = new("refused");
    public static readonly RunOutcome FetchFailed = new("fetch-failed");
}

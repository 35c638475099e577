using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

/// <summary>
/// What one-shot `gitops reconcile` leaves in the cluster after a run, like the agent after a cycle, so
/// `gitops status --kubeconfig` and `kubectl get events` show it: the status ConfigMap next to the inventory, set with
/// one merge patch of only the keys this run knows (what an agent recorded - cluster name, drift corrections,
/// history - stays), and Events on the inventory for applies, prunes, refusals and failures. A run that changed
/// nothing sends the patch and no Event.
/// </summary>
internal static class OneShotReport
{
    /// <summary>The status' <c>lastTrigger</c> for one-shot runs (the agent writes startup, poll, webhook...).</summary>
    public const string Trigger = "reconcile --once";

    public const string FieldManager = "gitops-reconcile";

    /// <summary>Recording is best effort: it must not hold a failed run (an API server that is gone) for minutes.</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>Records the run; returns what could not be recorded (as warnings), empty when everything was.</summary>
    public static async Task<IReadOnlyList<string>> RecordAsync(ReconcileOptions options, KubeApi api, RunOutcome outcome, ReconcileResult result, CancellationToken cancellationToken)
    {
        var ns = options.InventoryNamespace;
        var inventory = options.EffectiveInventoryName;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(Bound);
        var warnings = new List<string>();
        var status = Recorded(
            () => new ClusterStatusStore(api, ns, inventory).MergeAsync(StatusData(options, outcome, result), FieldManager, bounded.Token),
            $"the outcome in ConfigMap {ns}/{StatusKeys.ConfigMapName(inventory)}", warnings, cancellationToken);
        var events = Recorded(
            () => RecordEventsAsync(new EventRecorder(api, ns, inventory, FieldManager), outcome, result, bounded.Token),
            $"Events on ConfigMap {ns}/{inventory}", warnings, cancellationToken);
        await Task.WhenAll(status, events);
        return warnings;
    }

    /// <summary>The keys this run sets; null removes a key (a refusal an applied commit supersedes).</summary>
    internal static JsonObject StatusData(ReconcileOptions options, RunOutcome outcome, ReconcileResult result)
    {
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var data = new JsonObject
        {
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

        return data;
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

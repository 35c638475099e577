using Prometheus;

namespace GitOps.Reconciler.Agent;

/// <summary>
/// The agent's Prometheus metrics, in a registry of its own (two agents in one process, as in tests, do not share
/// counters). prometheus-net writes the exposition format.
/// </summary>
internal sealed class AgentMetrics
{
    public AgentMetrics()
    {
        var metrics = Metrics.WithCustomRegistry(Registry);
        ReconcileDuration = metrics.CreateHistogram(
            "gitops_reconcile_duration_seconds", "Duration of reconcile runs (fetch to healthy or failed).",
            new HistogramConfiguration { LabelNames = ["result"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
        ReconcileTotal = metrics.CreateCounter("gitops_reconcile_total", "Reconcile runs, by result.", new CounterConfiguration { LabelNames = ["result"] });
        Objects = metrics.CreateGauge("gitops_objects", "Desired objects after the last run, by health state.", new GaugeConfiguration { LabelNames = ["state"] });
        DriftCorrections = metrics.CreateCounter("gitops_drift_corrections_total", "Objects re-applied because their live state drifted.");
        Pruned = metrics.CreateCounter("gitops_prune_total", "Objects deleted because they left the rendered branch.");
        LastApplied = metrics.CreateGauge("gitops_last_applied_timestamp_seconds", "Unix time of the last run that applied a commit and found it healthy.");
        FetchFailures = metrics.CreateCounter("gitops_source_fetch_failures_total", "Failed fetches of the rendered branch.");
        SignatureFailures = metrics.CreateCounter("gitops_signature_failures_total", "Rendered commits refused because their signature is missing, unknown or bad.");
        Webhooks = metrics.CreateCounter("gitops_webhook_requests_total", "Webhook requests, by outcome: triggered, ignored (a push to another branch), rejected (bad signature).",
            new CounterConfiguration { LabelNames = ["outcome"] });
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    public Histogram ReconcileDuration { get; }

    public Counter ReconcileTotal { get; }

    public Gauge Objects { get; }

    public Counter DriftCorrections { get; }

    public Counter Pruned { get; }

    public Gauge LastApplied { get; }

    public Counter FetchFailures { get; }

    public Counter SignatureFailures { get; }

    public Counter Webhooks { get; }

    public void RecordRun(string result, TimeSpan duration)
    {
        ReconcileDuration.WithLabels(result).Observe(duration.TotalSeconds);
        ReconcileTotal.WithLabels(result).Inc();
    }

    public void RecordObjects(ReconcileResult result)
    {
        foreach (var state in Enum.GetValues<HealthState>())
        {
            Objects.WithLabels(state.ToString().ToLowerInvariant())
                .Set(result.Objects.Count(o => o.Health == state && o.Action is not (ObjectAction.Pruned or ObjectAction.PruneSkipped)));
        }
    }

    public Task WriteAsync(Stream stream, CancellationToken cancellationToken) => Registry.CollectAndExportAsTextAsync(stream, cancellationToken);
}

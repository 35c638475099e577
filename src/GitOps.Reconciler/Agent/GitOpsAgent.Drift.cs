using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Drift;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Source;
using LibGit2Sharp;

namespace GitOps.Reconciler.Agent;

public sealed partial class GitOpsAgent
{
    private readonly Dictionary<ObjectRef, string> reportedDrift = [];

    private async Task CheckDriftAsync(SourceSnapshot snapshot, string trigger, CancellationToken cancellationToken)
    {
        var change = await DriftChangeAsync(snapshot, cancellationToken);
        await FinishAsync(s => change(s) with { Stale = false, Suspended = false, LastTrigger = trigger }, cancellationToken);
    }

    /// <summary>After a refused commit or a failed fetch, the last good commit is still what the cluster must match.</summary>
    private async Task CheckDriftOfAppliedAsync(string? applied, string trigger, CancellationToken cancellationToken)
    {
        if (applied is null)
        {
            return;
        }

        var reconcile = options.Reconcile;
        SourceSnapshot snapshot;
        using (var repository = new Repository(GitSource.RepositoryDirectory(reconcile.RepositoryUrl, reconcile.CacheDirectory)))
        {
            if (repository.Lookup<Commit>(applied) is not { } commit)
            {
                return;
            }

            snapshot = new SourceSnapshot(applied, GitSource.ReadYaml(commit, reconcile.Path, reconcile.RepositoryUrl));
        }

        var change = await DriftChangeAsync(snapshot, cancellationToken);
        Update(s => change(s) with { LastResult = s.LastResult, LastError = s.LastError, LastTrigger = trigger });
        await WriteStatusAsync(cancellationToken);
    }

    /// <summary>Finds drift, corrects what it may, and returns how the status changes.</summary>
    private async Task<Func<AgentStatus, AgentStatus>> DriftChangeAsync(SourceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var (manifests, loadErrors) = ManifestLoader.Load(snapshot.Files);
        var errors = loadErrors.ToList();
        var resources = await ApiResources.DiscoverAsync(api, cancellationToken);
        var desired = DesiredSetBuilder.Build(manifests, resources, inventory.Id, errors);
        if (errors.Count > 0)
        {
            return s => s with { LastResult = "failed", LastError = string.Join("\n", errors) };
        }

        var drifted = await driftDetector.DetectAsync(desired, resources, cancellationToken);
        var driftedRefs = drifted.Select(d => d.Drift.Ref).ToHashSet();
        foreach (var clean in desired.Where(o => !driftedRefs.Contains(o.Ref)))
        {
            driftBackoff.Clean(clean.Ref);
            reportedDrift.Remove(clean.Ref);
        }

        var now = DateTimeOffset.UtcNow;
        var healing = options.SelfHeal && (options.SyncWindows?.IsOpen(now) ?? true);
        var corrected = 0;
        var failures = new List<string>();
        var log = new List<DriftRecord>();
        foreach (var (o, drift) in drifted)
        {
            if (!healing || driftBackoff.BlockedUntil(o.Ref, now) is not null)
            {
                if (await ReportDriftAsync(o.Ref, drift, healing ? $"backing off until {driftBackoff.BlockedUntil(o.Ref, now):HH:mm:ss}" : "reported, not corrected", cancellationToken))
                {
                    log.Add(DriftRecord.Bounded(now, drift, corrected: false));
                }

                continue;
            }

            try
            {
                await api.ApplyAsync(o.Path, o.Json, dryRun: false, cancellationToken);
            }
            catch (KubeApiException e)
            {
                failures.Add($"correcting {o.Ref}: {e.Message}");
                continue;
            }

            driftBackoff.Corrected(o.Ref, now);
            reportedDrift.Remove(o.Ref);
            corrected++;
            log.Add(DriftRecord.Bounded(now, drift, corrected: true));
            AgentLog.Drift(logger, "corrected", drift.ToString());
            await events.RecordAsync("DriftCorrected", drift.ToString(), warning: false, cancellationToken);
        }

        Metrics.DriftCorrections.Inc(corrected);
        var result = drifted.Count == 0 ? "in-sync" : corrected > 0 ? "drift-corrected" : "drifted";
        var found = drifted.Select(d => d.Drift).ToList();
        return s => s with
        {
            LastResult = failures.Count > 0 ? "failed" : result,
            LastError = failures.Count > 0 ? string.Join("\n", failures) : null,
            LastDrift = found,
            DriftCorrections = s.DriftCorrections + corrected,
            DriftLog = RecordLists.Append(s.DriftLog, log),
        };
    }

    /// <summary>Logs and emits drift that is left in place, once per distinct drift of an object; false when already reported.</summary>
    private async Task<bool> ReportDriftAsync(ObjectRef reference, ObjectDrift drift, string action, CancellationToken cancellationToken)
    {
        var text = drift.ToString();
        if (reportedDrift.TryGetValue(reference, out var previous) && previous == text)
        {
            return false;
        }

        reportedDrift[reference] = text;
        AgentLog.Drift(logger, action, text);
        await events.RecordAsync("DriftDetected", $"{text} ({action})", warning: true, cancellationToken);
        return true;
    }
}

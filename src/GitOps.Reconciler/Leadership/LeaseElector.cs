using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Leadership;

/// <summary>
/// One round of client-go's leader election on a Lease, as raw JSON: read the Lease, then take it when it is absent,
/// released, ours, or when its record has not changed for its lease duration as observed on our own clock (the
/// holder's timestamps are never compared with our time: the clocks may disagree). Every write carries the
/// resourceVersion that was read, so of two candidates racing for the same Lease exactly one wins; the other gets 409.
/// </summary>
internal sealed class LeaseElector(KubeApi api, string ns, string leaseName, LeaderElectionSettings settings, TimeProvider clock)
{
    private const string FieldManager = "gitops-leader-election";

    private LeaseRecord? observed;
    private long observedAt;

    public string Identity => settings.Identity;

    /// <summary>Who held the Lease when it was last read or written; null when nobody did.</summary>
    public string? ObservedHolder => observed?.HolderIdentity;

    private string CollectionPath => $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases";

    private string LeasePath => $"{CollectionPath}/{leaseName}";

    private int DurationSeconds => Math.Max(1, (int)Math.Ceiling(settings.LeaseDuration.TotalSeconds));

    /// <summary>Reads the Lease and takes or renews it if allowed; true when this candidate holds it afterwards.</summary>
    public async Task<bool> TryAcquireOrRenewAsync(CancellationToken cancellationToken) =>
        await TryClaimAsync(await ObserveAsync(cancellationToken), cancellationToken);

    /// <summary>Reads the Lease; a record different from the last one seen restarts the wait for its expiry.</summary>
    internal async Task<LeaseObservation> ObserveAsync(CancellationToken cancellationToken)
    {
        var lease = await api.GetAsync(LeasePath, cancellationToken);
        if (lease is null)
        {
            return new LeaseObservation(null, null);
        }

        var record = LeaseRecord.From(lease["spec"] as JsonObject);
        Observe(record);
        return new LeaseObservation(record, lease["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    /// <summary>Writes our claim on what <paramref name="observation"/> saw; false when not allowed or when someone else wrote first.</summary>
    internal async Task<bool> TryClaimAsync(LeaseObservation observation, CancellationToken cancellationToken)
    {
        var now = Now();
        if (observation.Record is not { } old)
        {
            var created = new LeaseRecord(Identity, DurationSeconds, now, now, 0);
            var body = new JsonObject
            {
                ["apiVersion"] = "coordination.k8s.io/v1",
                ["kind"] = "Lease",
                ["metadata"] = new JsonObject { ["name"] = leaseName, ["namespace"] = ns },
                ["spec"] = created.ToSpec(),
            };
            return await WrittenAsync(async () => await api.CreateAsync(CollectionPath, body, cancellationToken), created);
        }

        var ours = old.HolderIdentity == Identity;
        if (!ours && old.IsHeld && !HasExpired(old))
        {
            return false;
        }

        // Renewing keeps the acquire time and the count; taking over (or re-taking a released Lease) is a transition.
        var claim = ours
            ? old with { LeaseDurationSeconds = DurationSeconds, RenewTime = now }
            : new LeaseRecord(Identity, DurationSeconds, now, now, old.LeaseTransitions + 1);
        return await WrittenAsync(() => UpdateAsync(claim, observation.ResourceVersion, cancellationToken), claim);
    }

    /// <summary>
    /// Gives the Lease up (no holder, a one-second duration, as client-go's ReleaseOnCancel) so a standby takes over at
    /// once instead of waiting out the lease; does nothing unless we hold it.
    /// </summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var observation = await ObserveAsync(cancellationToken);
        if (observation.Record is not { } held || held.HolderIdentity != Identity)
        {
            return;
        }

        var now = Now();
        var released = held with { HolderIdentity = null, LeaseDurationSeconds = 1, AcquireTime = now, RenewTime = now };
        await WrittenAsync(() => UpdateAsync(released, observation.ResourceVersion, cancellationToken), released);
    }

    private async Task<JsonObject?> UpdateAsync(LeaseRecord record, string? resourceVersion, CancellationToken cancellationToken)
    {
        // The merge patch sets every election field, so it replaces the record; the resourceVersion makes it conditional.
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
            ["spec"] = record.ToSpec(),
        };
        return await api.MergePatchAsync(LeasePath, patch, FieldManager, cancellationToken);
    }

    private async Task<bool> WrittenAsync(Func<Task<JsonObject?>> write, LeaseRecord record)
    {
        try
        {
            // Null: the Lease was deleted after we read it; the next round creates it.
            if (await write() is null)
            {
                return false;
            }
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Another candidate wrote (or created) the Lease after we read it: it won this round.
            return false;
        }

        Observe(record);
        return record.HolderIdentity == Identity;
    }

    /// <summary>Our time at the Lease's precision, so a record we wrote equals the same record read back.</summary>
    private DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }

    private void Observe(LeaseRecord record)
    {
        if (record != observed)
        {
            observed = record;
            observedAt = clock.GetTimestamp();
        }
    }

    /// <summary>True once the holder's record has stood unchanged for its lease duration, timed on our clock.</summary>
    private bool HasExpired(LeaseRecord record)
    {
        var duration = record.LeaseDurationSeconds > 0 ? TimeSpan.FromSeconds(record.LeaseDurationSeconds) : settings.LeaseDuration;
        return clock.GetElapsedTime(observedAt) >= duration;
    }
}

/// <summary>A Lease as read: its election record and the resourceVersion a conditional write must name; both null when absent.</summary>
internal sealed record LeaseObservation(LeaseRecord? Record, string? ResourceVersion);

using System.Text.Json.Nodes;
using static GitOps.Reconciler.Health.HealthEvaluator;

namespace GitOps.Reconciler.Health;

/// <summary>Rollout health of the apps/v1 workloads, with messages that say how far the rollout got and why it stopped.</summary>
internal static class WorkloadHealth
{
    public static HealthStatus Deployment(JsonObject live, JsonObject? status)
    {
        var desired = Long(live["spec"]?["replicas"]) ?? 1;
        var updated = Long(status?["updatedReplicas"]) ?? 0;
        var available = Long(status?["availableReplicas"]) ?? 0;
        var total = Long(status?["replicas"]) ?? 0;
        if (Condition(status, "Progressing") is { } progressing && progressing["reason"]?.GetValue<string>() == "ProgressDeadlineExceeded")
        {
            return HealthStatus.Failed($"{Math.Min(updated, available)}/{desired} updated replicas available: ProgressDeadlineExceeded");
        }

        if (updated < desired)
        {
            return HealthStatus.InProgress(WithReason($"{updated}/{desired} replicas updated", status));
        }

        if (total > updated)
        {
            return HealthStatus.InProgress(WithReason($"{total - updated} old replicas pending termination", status));
        }

        return available < desired
            ? HealthStatus.InProgress(WithReason($"{available}/{desired} updated replicas available", status))
            : HealthStatus.Current;
    }

    public static HealthStatus StatefulSet(JsonObject live, JsonObject? status)
    {
        var desired = Long(live["spec"]?["replicas"]) ?? 1;
        var ready = Long(status?["readyReplicas"]) ?? 0;
        var updated = Long(status?["updatedReplicas"]) ?? 0;
        var currentRevision = status?["currentRevision"]?.GetValue<string>();
        var updateRevision = status?["updateRevision"]?.GetValue<string>();
        if (updated < desired)
        {
            return HealthStatus.InProgress(WithReason($"{updated}/{desired} replicas updated", status));
        }

        if (ready < desired)
        {
            return HealthStatus.InProgress(WithReason($"{ready}/{desired} replicas ready", status));
        }

        return currentRevision is not null && updateRevision is not null && currentRevision != updateRevision
            ? HealthStatus.InProgress($"revision {updateRevision} not yet current ({currentRevision})")
            : HealthStatus.Current;
    }

    public static HealthStatus DaemonSet(JsonObject? status)
    {
        var desired = Long(status?["desiredNumberScheduled"]);
        if (desired is null)
        {
            return HealthStatus.InProgress("no scheduling status yet");
        }

        var updated = Long(status?["updatedNumberScheduled"]) ?? 0;
        var available = Long(status?["numberAvailable"]) ?? 0;
        return updated < desired ? HealthStatus.InProgress(WithReason($"{updated}/{desired} pods updated", status))
            : available < desired ? HealthStatus.InProgress(WithReason($"{available}/{desired} updated pods available", status))
            : HealthStatus.Current;
    }

    public static HealthStatus ReplicaSet(JsonObject live, JsonObject? status)
    {
        var desired = Long(live["spec"]?["replicas"]) ?? 1;
        var available = Long(status?["availableReplicas"]) ?? 0;
        return available < desired
            ? HealthStatus.InProgress(WithReason($"{available}/{desired} replicas available", status))
            : HealthStatus.Current;
    }
}

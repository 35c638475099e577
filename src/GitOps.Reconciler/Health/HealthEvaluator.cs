using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Health;

/// <summary>
/// Computes kstatus-style health from a live object: workload replica counts, Job and PVC phases, LoadBalancer
/// ingress, CRD establishment, and, for anything else, a <c>Ready</c> condition or <c>status.observedGeneration</c>.
/// </summary>
internal static class HealthEvaluator
{
    public static HealthStatus Evaluate(string group, string kind, JsonObject live)
    {
        if (live["metadata"]?["deletionTimestamp"] is not null)
        {
            return HealthStatus.InProgress("being deleted");
        }

        var generation = Long(live["metadata"]?["generation"]);
        var status = live["status"] as JsonObject;
        var observed = Long(status?["observedGeneration"]);
        var generic = (group, kind) switch
        {
            ("apps", "Deployment") => WorkloadHealth.Deployment(live, status),
            ("apps", "StatefulSet") => WorkloadHealth.StatefulSet(live, status),
            ("apps", "DaemonSet") => WorkloadHealth.DaemonSet(status),
            ("apps", "ReplicaSet") => WorkloadHealth.ReplicaSet(live, status),
            ("batch", "Job") => Job(status),
            ("", "PersistentVolumeClaim") => Phase(status, "Bound", failedPhase: "Lost"),
            ("", "Namespace") => status?["phase"]?.GetValue<string>() == "Terminating" ? HealthStatus.InProgress("namespace is terminating") : HealthStatus.Current,
            ("", "Service") => Service(live, status),
            ("apiextensions.k8s.io", "CustomResourceDefinition") => Crd(status),
            _ => null,
        };

        if (generation is { } g && observed is { } o && o < g)
        {
            return HealthStatus.InProgress($"controller has observed generation {o}, not yet {g}");
        }

        return generic ?? ReadyCondition(status) ?? HealthStatus.Current;
    }

    internal static long? Long(JsonNode? node) => node is JsonValue value && value.TryGetValue<long>(out var number) ? number : null;

    internal static JsonObject? Condition(JsonObject? status, string type) =>
        status?["conditions"]?.AsArray().OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);

    /// <summary>The reason of the condition that explains a wait best: the first one not True, else the last one.</summary>
    internal static string? Reason(JsonObject? status)
    {
        var conditions = status?["conditions"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        var telling = conditions.FirstOrDefault(c => c["status"]?.GetValue<string>() != "True") ?? conditions.LastOrDefault();
        return telling?["reason"]?.GetValue<string>() ?? telling?["message"]?.GetValue<string>();
    }

    internal static string WithReason(string message, JsonObject? status) =>
        Reason(status) is { Length: > 0 } reason ? $"{message}: {reason}" : message;

    private static HealthStatus? ReadyCondition(JsonObject? status)
    {
        var ready = Condition(status, "Ready");
        if (ready is null)
        {
            return null;
        }

        var reason = ready["reason"]?.GetValue<string>() ?? ready["message"]?.GetValue<string>() ?? "no reason given";
        return ready["status"]?.GetValue<string>() == "True" ? HealthStatus.Current : HealthStatus.InProgress($"Ready={ready["status"]}: {reason}");
    }

    private static HealthStatus Job(JsonObject? status)
    {
        if (Condition(status, "Failed") is { } failed && failed["status"]?.GetValue<string>() == "True")
        {
            return HealthStatus.Failed($"job failed: {failed["reason"] ?? failed["message"]}");
        }

        return Condition(status, "Complete") is { } complete && complete["status"]?.GetValue<string>() == "True"
            ? HealthStatus.Current
            : HealthStatus.InProgress($"job not complete ({Long(status?["succeeded"]) ?? 0} succeeded, {Long(status?["active"]) ?? 0} active)");
    }

    private static HealthStatus Phase(JsonObject? status, string readyPhase, string failedPhase)
    {
        var phase = status?["phase"]?.GetValue<string>();
        return phase == readyPhase ? HealthStatus.Current
            : phase == failedPhase ? HealthStatus.Failed($"phase {phase}")
            : HealthStatus.InProgress($"phase {phase ?? "not set"}, waiting for {readyPhase}");
    }

    private static HealthStatus Service(JsonObject live, JsonObject? status)
    {
        if (live["spec"]?["type"]?.GetValue<string>() != "LoadBalancer")
        {
            return HealthStatus.Current;
        }

        return status?["loadBalancer"]?["ingress"] is JsonArray { Count: > 0 }
            ? HealthStatus.Current
            : HealthStatus.InProgress("load balancer has no ingress address yet");
    }

    private static HealthStatus Crd(JsonObject? status)
    {
        var established = Condition(status, "Established");
        return established?["status"]?.GetValue<string>() == "True"
            ? HealthStatus.Current
            : HealthStatus.InProgress(WithReason("not yet Established", status));
    }
}

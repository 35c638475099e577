using System.Text.Json.Nodes;
using GitOps.Reconciler.Drift;
using GitOps.Reconciler.Health;

namespace GitOps.Reconciler.Dashboard;

/// <summary>How one object looks on the page: its app, health, sync state and rollout counters.</summary>
internal static class ObjectViews
{
    /// <summary>Rendered layout is <c>&lt;env&gt;/&lt;app&gt;/&lt;object&gt;.yaml</c>: the app is the folder below the path.</summary>
    public static string AppOf(string file, string root)
    {
        var relative = file.StartsWith(root, StringComparison.Ordinal) ? file[root.Length..] : file;
        var slash = relative.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? relative[..slash] : "(no app)";
    }

    public static string? AppOf(JsonObject? live) =>
        live?["metadata"]?["labels"]?["app.kubernetes.io/part-of"] is JsonValue v && v.TryGetValue<string>(out var app) ? app : null;

    /// <param name="reference">The object.</param>
    /// <param name="isDesired">It is in the commit compared with.</param>
    /// <param name="desiredKnown">A commit was compared with at all (`gitops ui` without --repo has none).</param>
    /// <param name="live">The live object, or null when missing.</param>
    /// <param name="diff">Where live differs from the dry run of the desired object.</param>
    public static ObjectView View(ObjectRef reference, bool isDesired, bool desiredKnown, JsonObject? live, IReadOnlyList<FieldDrift> diff)
    {
        var health = live is null ? new HealthStatus(HealthState.Unknown, "not in the cluster") : HealthEvaluator.Evaluate(reference.Group, reference.Kind, live);
        var sync = live is null ? "missing"
            : !desiredKnown ? "unknown"
            : !isDesired ? "not desired"
            : diff.Count > 0 ? "out of sync"
            : "in sync";
        return new ObjectView(reference.Group, reference.Kind, reference.Namespace, reference.Name, Describe(health.State), health.Message, sync, live is null ? null : Rollout(reference, live));
    }

    public static string Describe(HealthState state) => state switch
    {
        HealthState.Current => "healthy",
        HealthState.InProgress => "progressing",
        HealthState.Failed => "failed",
        _ => "unknown",
    };

    public static RolloutView? Rollout(ObjectRef reference, JsonObject live)
    {
        var spec = live["spec"];
        var status = live["status"];
        long Number(JsonNode? node, long fallback = 0) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : fallback;
        return reference switch
        {
            { Group: "apps", Kind: "Deployment" or "StatefulSet" or "ReplicaSet" } => new RolloutView(
                Number(spec?["replicas"], 1), Number(status?["updatedReplicas"], reference.Kind == "ReplicaSet" ? Number(status?["replicas"]) : 0),
                Number(status?["readyReplicas"]), Number(status?["availableReplicas"])),
            { Group: "apps", Kind: "DaemonSet" } => new RolloutView(
                Number(status?["desiredNumberScheduled"]), Number(status?["updatedNumberScheduled"]), Number(status?["numberReady"]), Number(status?["numberAvailable"])),
            _ => null,
        };
    }
}

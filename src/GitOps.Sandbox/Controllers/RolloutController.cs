using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace GitOps.Sandbox.Controllers;

/// <summary>
/// Pretends to be kube-controller-manager: after the rollout delay, workloads report their new generation as
/// rolled out and available, Jobs complete and PVCs bind. A rollout sticks when a container image ends in
/// <c>:broken</c> or the object carries <see cref="StuckAnnotation"/>: it is observed but never becomes ready.
/// </summary>
internal sealed class RolloutController(ResourceService service, TimeSpan delay, ILogger logger, CancellationToken stopping)
{
    /// <summary>Annotation that makes a rollout never become ready, for testing failure paths.</summary>
    public const string StuckAnnotation = "sandbox.gitops.dev/stuck-rollout";

    private const string Manager = "kube-controller-manager";

    private static readonly string[] PodContainerLists = ["containers", "initContainers"];

    public void Observe(ResourceType type, StoredObject obj)
    {
        if (type.IsCustom || !NeedsStatus(type.Kind, obj.Node))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(delay, stopping);
                var uid = (string?)obj.Metadata["uid"];
                var generation = obj.Metadata["generation"].AsLong();
                if (WriteStatus(type, obj.Namespace, obj.Name, uid) && type.Kind == "Deployment" && IsStuck(obj.Node))
                {
                    var deadline = obj.Node["spec"]?["progressDeadlineSeconds"].AsLong() ?? 600;
                    await Task.Delay(TimeSpan.FromSeconds(deadline), stopping);
                    ExpireProgressDeadline(type, obj.Namespace, obj.Name, uid, generation);
                }
            }
            catch (OperationCanceledException)
            {
                // The sandbox is shutting down.
            }
            catch (ApiException error)
            {
                logger.LogDebug("status update of {Kind} {Name} skipped: {Message}", type.Kind, obj.Name, error.Message);
            }
        });
    }

    private static bool NeedsStatus(string kind, JsonObject obj)
    {
        var status = obj["status"] as JsonObject;
        return kind switch
        {
            "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" =>
                status?["observedGeneration"].AsLong() != obj["metadata"]?["generation"].AsLong(),
            "Job" => status?["startTime"] is null,
            "PersistentVolumeClaim" => (string?)status?["phase"] != "Bound",
            _ => false,
        };
    }

    private bool WriteStatus(ResourceType type, string? ns, string name, string? uid)
    {
        lock (service.Store.Gate)
        {
            var current = service.Store.Get(type, ns, name);
            if (current is null || (string?)current.Metadata["uid"] != uid || !NeedsStatus(type.Kind, current.Node)
                || current.Metadata["deletionTimestamp"] is not null)
            {
                return false;
            }

            var updated = current.CloneNode();
            updated["status"] = StatusFor(type.Kind, updated, IsStuck(updated));
            ResourceService.Metadata(updated).Remove("resourceVersion");
            service.Replace(type, ns, name, updated, WriteOptions.System(Manager), "status");
            return true;
        }
    }

    /// <summary>A stuck Deployment reports <c>ProgressDeadlineExceeded</c> once its progressDeadlineSeconds pass, as Kubernetes does.</summary>
    private void ExpireProgressDeadline(ResourceType type, string? ns, string name, string? uid, long? generation)
    {
        lock (service.Store.Gate)
        {
            var current = service.Store.Get(type, ns, name);
            if (current is null || (string?)current.Metadata["uid"] != uid || current.Metadata["generation"].AsLong() != generation
                || current.Node["status"]?["conditions"] is not JsonArray conditions)
            {
                return;
            }

            var updated = current.CloneNode();
            var revision = $"{name}-{TemplateHash(updated)}";
            var progressing = updated["status"]!["conditions"]!.AsArray().OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == "Progressing");
            if (progressing is null || conditions.Count == 0)
            {
                return;
            }

            var now = service.Now();
            progressing["status"] = "False";
            progressing["reason"] = "ProgressDeadlineExceeded";
            progressing["message"] = $"ReplicaSet \"{revision}\" has timed out progressing.";
            progressing["lastUpdateTime"] = now;
            progressing["lastTransitionTime"] = now;
            ResourceService.Metadata(updated).Remove("resourceVersion");
            service.Replace(type, ns, name, updated, WriteOptions.System(Manager), "status");
        }
    }

    private static bool IsStuck(JsonObject obj)
    {
        if ((string?)obj["metadata"]?["annotations"]?[StuckAnnotation] is "true")
        {
            return true;
        }

        var podSpec = obj["spec"]?["template"]?["spec"] ?? obj["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"];
        return PodContainerLists
            .SelectMany(list => podSpec?[list] as JsonArray ?? [])
            .Any(container => ((string?)container?["image"])?.EndsWith(":broken", StringComparison.Ordinal) == true);
    }

    private JsonObject StatusFor(string kind, JsonObject obj, bool stuck)
    {
        var now = service.Now();
        var generation = obj["metadata"]?["generation"].AsLong() ?? 1;
        var replicas = obj["spec"]?["replicas"].AsLong() ?? 1;
        var ready = stuck ? 0 : replicas;
        var revision = $"{obj["metadata"]!["name"]}-{TemplateHash(obj)}";
        return kind switch
        {
            "Deployment" => WithoutZeros(new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["unavailableReplicas"] = replicas - ready,
                ["conditions"] = stuck
                    ? new JsonArray(
                        Condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", now, withUpdateTime: true),
                        Condition("Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{revision}\" is progressing.", now, withUpdateTime: true))
                    : new JsonArray(
                        Condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now, withUpdateTime: true),
                        Condition("Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{revision}\" has successfully progressed.", now, withUpdateTime: true)),
            }),
            "StatefulSet" => WithoutZeros(new JsonObject
            {
                ["observedGeneration"] = generation,
                ["replicas"] = replicas,
                ["readyReplicas"] = ready,
                ["currentReplicas"] = replicas,
                ["updatedReplicas"] = replicas,
                ["availableReplicas"] = ready,
                ["currentRevision"] = revision,
                ["updateRevision"] = revision,
                ["collisionCount"] = 0,
            }),
            "DaemonSet" => new JsonObject
            {
                ["currentNumberScheduled"] = 1,
                ["desiredNumberScheduled"] = 1,
                ["numberAvailable"] = stuck ? 0 : 1,
                ["numberMisscheduled"] = 0,
                ["numberReady"] = stuck ? 0 : 1,
                ["numberUnavailable"] = stuck ? 1 : 0,
                ["observedGeneration"] = generation,
                ["updatedNumberScheduled"] = 1,
            },
            "ReplicaSet" => WithoutZeros(new JsonObject
            {
                ["replicas"] = replicas,
                ["fullyLabeledReplicas"] = replicas,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["observedGeneration"] = generation,
            }),
            "Job" => JobStatus(obj, stuck, now),
            "PersistentVolumeClaim" => new JsonObject
            {
                ["phase"] = "Bound",
                ["accessModes"] = obj["spec"]?["accessModes"]?.DeepClone(),
                ["capacity"] = obj["spec"]?["resources"]?["requests"]?.DeepClone(),
            },
            _ => new JsonObject(),
        };
    }

    private static JsonObject JobStatus(JsonObject job, bool stuck, string now)
    {
        if (stuck)
        {
            return new JsonObject { ["active"] = 1, ["ready"] = 0, ["startTime"] = now, ["terminating"] = 0, ["uncountedTerminatedPods"] = new JsonObject() };
        }

        return new JsonObject
        {
            ["completionTime"] = now,
            ["conditions"] = new JsonArray(
                Condition("SuccessCriteriaMet", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withUpdateTime: true),
                Condition("Complete", "True", "CompletionsReached", "Reached expected number of succeeded pods", now, withUpdateTime: true)),
            ["ready"] = 0,
            ["startTime"] = now,
            ["succeeded"] = job["spec"]?["completions"].AsLong() ?? 1,
            ["terminating"] = 0,
            ["uncountedTerminatedPods"] = new JsonObject(),
        };
    }

    private static JsonObject Condition(string type, string status, string reason, string message, string now, bool withUpdateTime)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status };
        if (withUpdateTime)
        {
            condition["lastUpdateTime"] = now;
        }

        condition["lastTransitionTime"] = now;
        condition["reason"] = reason;
        condition["message"] = message;
        return condition;
    }

    /// <summary>Kubernetes omits zero counters (<c>omitempty</c>).</summary>
    private static JsonObject WithoutZeros(JsonObject status)
    {
        foreach (var name in status.Where(p => p.Value.AsLong() == 0 && p.Key != "observedGeneration").Select(p => p.Key).ToList())
        {
            status.Remove(name);
        }

        return status;
    }

    private static string TemplateHash(JsonObject obj)
    {
        var template = obj["spec"]?["template"]?.ToJsonString() ?? "";
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(template));
        return Convert.ToHexStringLower(hash)[..10];
    }
}

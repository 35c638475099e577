using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Api;

/// <summary>
/// The subset of apiserver defaulting that clients observe: a Service gets a clusterIP, workloads get the
/// defaults kubectl diff and health checks read. Values match Kubernetes 1.32, so diffs stay quiet.
/// </summary>
internal static class Defaulting
{
    public static void Apply(ResourceType type, JsonObject obj, Func<string> allocateClusterIp)
    {
        if (type.IsCustom)
        {
            return;
        }

        var spec = obj["spec"] as JsonObject;
        switch (type.Kind)
        {
            case "Service" when spec is not null:
                DefaultService(spec, allocateClusterIp);
                break;
            case "Deployment" when spec is not null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "progressDeadlineSeconds", 600);
                var strategy = Child(spec, "strategy");
                Set(strategy, "type", "RollingUpdate");
                if ((string?)strategy["type"] == "RollingUpdate")
                {
                    var rolling = Child(strategy, "rollingUpdate");
                    Set(rolling, "maxSurge", "25%");
                    Set(rolling, "maxUnavailable", "25%");
                }

                DefaultTemplate(spec);
                break;
            case "StatefulSet" when spec is not null:
                Set(spec, "replicas", 1);
                Set(spec, "revisionHistoryLimit", 10);
                Set(spec, "podManagementPolicy", "OrderedReady");
                var update = Child(spec, "updateStrategy");
                Set(update, "type", "RollingUpdate");
                if ((string?)update["type"] == "RollingUpdate")
                {
                    Set(Child(update, "rollingUpdate"), "partition", 0);
                }

                var retention = Child(spec, "persistentVolumeClaimRetentionPolicy");
                Set(retention, "whenDeleted", "Retain");
                Set(retention, "whenScaled", "Retain");
                DefaultTemplate(spec);
                break;
            case "DaemonSet" when spec is not null:
                Set(spec, "revisionHistoryLimit", 10);
                var dsUpdate = Child(spec, "updateStrategy");
                Set(dsUpdate, "type", "RollingUpdate");
                if ((string?)dsUpdate["type"] == "RollingUpdate")
                {
                    var rolling = Child(dsUpdate, "rollingUpdate");
                    Set(rolling, "maxUnavailable", 1);
                    Set(rolling, "maxSurge", 0);
                }

                DefaultTemplate(spec);
                break;
            case "ReplicaSet" when spec is not null:
                Set(spec, "replicas", 1);
                DefaultTemplate(spec);
                break;
            case "Job" when spec is not null:
                Set(spec, "backoffLimit", 6);
                Set(spec, "completions", 1);
                Set(spec, "parallelism", 1);
                Set(spec, "completionMode", "NonIndexed");
                Set(spec, "suspend", false);
                DefaultTemplate(spec, restartPolicy: null);
                break;
            case "Pod" when spec is not null:
                DefaultPodSpec(spec, "Always");
                break;
            case "Namespace":
                var labels = Child(Child(obj, "metadata"), "labels");
                labels["kubernetes.io/metadata.name"] = (string?)obj["metadata"]!["name"];
                Set(Child(obj, "spec"), "finalizers", new JsonArray("kubernetes"));
                break;
            case "Secret":
                Set(obj, "type", "Opaque");
                break;
            case "PersistentVolumeClaim" when spec is not null:
                Set(spec, "volumeMode", "Filesystem");
                break;
        }
    }

    private static void DefaultService(JsonObject spec, Func<string> allocateClusterIp)
    {
        Set(spec, "type", "ClusterIP");
        Set(spec, "sessionAffinity", "None");
        if ((string?)spec["type"] != "ExternalName")
        {
            if (spec["clusterIP"] is null)
            {
                spec["clusterIP"] = allocateClusterIp();
            }

            Set(spec, "clusterIPs", new JsonArray((string?)spec["clusterIP"]));
            Set(spec, "ipFamilies", new JsonArray("IPv4"));
            Set(spec, "ipFamilyPolicy", "SingleStack");
            Set(spec, "internalTrafficPolicy", "Cluster");
        }

        foreach (var port in (spec["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            Set(port, "protocol", "TCP");
            if (port["targetPort"] is null && port["port"] is { } number)
            {
                port["targetPort"] = number.DeepClone();
            }
        }
    }

    private static void DefaultTemplate(JsonObject spec, string? restartPolicy = "Always")
    {
        if (spec["template"]?["spec"] is JsonObject podSpec)
        {
            DefaultPodSpec(podSpec, restartPolicy);
        }
    }

    private static void DefaultPodSpec(JsonObject podSpec, string? restartPolicy)
    {
        if (restartPolicy is not null)
        {
            Set(podSpec, "restartPolicy", restartPolicy);
        }

        Set(podSpec, "dnsPolicy", "ClusterFirst");
        Set(podSpec, "schedulerName", "default-scheduler");
        Set(podSpec, "securityContext", new JsonObject());
        Set(podSpec, "terminationGracePeriodSeconds", 30);
        foreach (var list in new[] { "containers", "initContainers" })
        {
            foreach (var container in (podSpec[list] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                Set(container, "terminationMessagePath", "/dev/termination-log");
                Set(container, "terminationMessagePolicy", "File");
                Set(container, "resources", new JsonObject());
                var image = (string?)container["image"] ?? "";
                var tag = image.Contains('@', StringComparison.Ordinal) ? "digest" : image[(image.LastIndexOf('/') + 1)..].Split(':').ElementAtOrDefault(1);
                Set(container, "imagePullPolicy", tag is null or "latest" ? "Always" : "IfNotPresent");
                foreach (var port in (container["ports"] as JsonArray)?.OfType<JsonObject>() ?? [])
                {
                    Set(port, "protocol", "TCP");
                }
            }
        }
    }

    private static JsonObject Child(JsonObject parent, string name)
    {
        if (parent[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[name] = created;
        return created;
    }

    private static void Set(JsonObject target, string name, JsonNode? value)
    {
        if (target[name] is null)
        {
            target[name] = value;
        }
    }
}

using GitOps.Dsl;
using k8s;
using k8s.Models;
using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>Reading workload properties off a Deployment, and writing only those that differ from the defaults.</summary>
internal static partial class ComponentMatcher
{
    private static bool Fill(Workload workload, JsonObject deployment, JsonObject container)
    {
        var pod = deployment["spec"]?["template"]?["spec"] as JsonObject;
        if (pod is null || !JsonTrees.IsString(container["image"]))
        {
            return false;
        }

        workload.Image = (string)container["image"]!;
        workload.Command = Typed<List<string>>(container["command"]);
        workload.Args = Typed<List<string>>(container["args"]);
        foreach (var env in container["env"] as JsonArray ?? [])
        {
            if (env is not JsonObject { Count: 2 } plain || !JsonTrees.IsString(plain["name"]) || !JsonTrees.IsString(plain["value"]))
            {
                return false;
            }

            workload.Env[(string)plain["name"]!] = (string)plain["value"]!;
        }

        foreach (var source in container["envFrom"] as JsonArray ?? [])
        {
            if (JsonTrees.IsString(source?["configMapRef"]?["name"]))
            {
                workload.EnvFromConfigMaps.Add((string)source!["configMapRef"]!["name"]!);
            }
            else if (JsonTrees.IsString(source?["secretRef"]?["name"]))
            {
                workload.EnvFromSecrets.Add((string)source!["secretRef"]!["name"]!);
            }
        }

        var mounts = (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var volume in (pod["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var mountPath = (string?)mounts.FirstOrDefault(m => (string?)m["name"] == (string?)volume["name"])?["mountPath"];
            if (mountPath is null)
            {
                return false;
            }

            if (JsonTrees.IsString(volume["configMap"]?["name"]))
            {
                workload.ConfigMapMounts[(string)volume["configMap"]!["name"]!] = mountPath;
            }
            else if (JsonTrees.IsString(volume["secret"]?["secretName"]))
            {
                workload.SecretMounts[(string)volume["secret"]!["secretName"]!] = mountPath;
            }
        }

        workload.Resources = Typed<V1ResourceRequirements>(container["resources"])!;
        workload.SecurityContext = Typed<V1SecurityContext>(container["securityContext"])!;
        workload.PodSecurityContext = Typed<V1PodSecurityContext>(pod["securityContext"])!;
        workload.ServiceAccountName = (string?)pod["serviceAccountName"];
        workload.AutomountServiceAccountToken = pod["automountServiceAccountToken"]?.GetValue<bool>() ?? false;
        foreach (var (key, value) in deployment["metadata"]?["labels"] as JsonObject ?? [])
        {
            if (key is not (StandardLabels.Name or StandardLabels.PartOf) && JsonTrees.IsString(value))
            {
                workload.Labels[key] = (string)value!;
            }
        }

        foreach (var (key, value) in deployment["spec"]?["template"]?["metadata"]?["annotations"] as JsonObject ?? [])
        {
            if (JsonTrees.IsString(value))
            {
                workload.PodAnnotations[key] = (string)value!;
            }
        }

        return true;
    }

    private static void InferProbes(WebService web, JsonObject container)
    {
        var readiness = container["readinessProbe"];
        var liveness = container["livenessProbe"];
        if (readiness is null && liveness is null)
        {
            web.Probes = false;
            return;
        }

        web.HealthPath = (string?)readiness?["httpGet"]?["path"] ?? (string?)liveness?["httpGet"]?["path"];
        if (!JsonTrees.SemanticallyEqual(readiness, Json(WorkloadDefaults.Probe(web.Port, web.HealthPath, initialDelaySeconds: 5))))
        {
            web.ReadinessProbe = Typed<V1Probe>(readiness);
        }

        if (!JsonTrees.SemanticallyEqual(liveness, Json(WorkloadDefaults.Probe(web.Port, web.HealthPath, initialDelaySeconds: 15))))
        {
            web.LivenessProbe = Typed<V1Probe>(liveness);
        }
    }

    private static Func<string> WebServiceExpression(WebService web) => () =>
    {
        var defaults = new WebService(web.Name);
        var members = WorkloadMembers(web, defaults);
        Scalar(members, "Port", web.Port, defaults.Port);
        Scalar(members, "ServicePort", web.ServicePort, defaults.ServicePort);
        Text(members, "ServiceType", web.ServiceType, defaults.ServiceType);
        if (web.Autoscale is null)
        {
            Scalar(members, "Replicas", web.Replicas, defaults.Replicas);
        }

        Text(members, "HealthPath", web.HealthPath, defaults.HealthPath);
        if (!web.Probes)
        {
            members.Add("Probes = false");
        }

        Model(members, "ReadinessProbe", web.ReadinessProbe, defaults.ReadinessProbe);
        Model(members, "LivenessProbe", web.LivenessProbe, defaults.LivenessProbe);
        AutoscaleMember(members, web.Autoscale);
        return CSharpLiterals.Block($"new WebService({CSharpLiterals.String(web.Name)}) {{", members, "}", $"new WebService({CSharpLiterals.String(web.Name)})");
    };

    private static Func<string> WorkerExpression(Worker worker) => () =>
    {
        var defaults = new Worker(worker.Name);
        var members = WorkloadMembers(worker, defaults);
        if (worker.Autoscale is null)
        {
            Scalar(members, "Replicas", worker.Replicas, defaults.Replicas);
        }

        AutoscaleMember(members, worker.Autoscale);
        return CSharpLiterals.Block($"new Worker({CSharpLiterals.String(worker.Name)}) {{", members, "}", $"new Worker({CSharpLiterals.String(worker.Name)})");
    };

    private static List<string> WorkloadMembers(Workload workload, Workload defaults)
    {
        var members = new List<string>();
        Text(members, "Image", workload.Image, defaults.Image);
        Strings(members, "Command", workload.Command);
        Strings(members, "Args", workload.Args);
        Map(members, "Env", workload.Env);
        List(members, "EnvFromConfigMaps", workload.EnvFromConfigMaps);
        List(members, "EnvFromSecrets", workload.EnvFromSecrets);
        Map(members, "ConfigMapMounts", workload.ConfigMapMounts);
        Map(members, "SecretMounts", workload.SecretMounts);
        Model(members, "Resources", workload.Resources, defaults.Resources);
        Model(members, "SecurityContext", workload.SecurityContext, defaults.SecurityContext);
        Model(members, "PodSecurityContext", workload.PodSecurityContext, defaults.PodSecurityContext);
        Text(members, "ServiceAccountName", workload.ServiceAccountName, defaults.ServiceAccountName);
        if (workload.AutomountServiceAccountToken)
        {
            members.Add("AutomountServiceAccountToken = true");
        }

        Map(members, "Labels", workload.Labels);
        Map(members, "PodAnnotations", workload.PodAnnotations);
        return members;
    }

    private static void AutoscaleMember(List<string> members, Autoscaling? autoscale)
    {
        if (autoscale is not null)
        {
            var head = $"new Autoscaling({autoscale.MinReplicas.ToString(CultureInfo.InvariantCulture)}, {autoscale.MaxReplicas.ToString(CultureInfo.InvariantCulture)})";
            members.Add("Autoscale = " + (autoscale.CpuUtilization == 70 ? head : $"{head} {{ CpuUtilization = {autoscale.CpuUtilization.ToString(CultureInfo.InvariantCulture)} }}"));
        }
    }

    private static void Scalar(List<string> members, string name, int value, int defaultValue)
    {
        if (value != defaultValue)
        {
            members.Add($"{name} = {value.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    private static void Text(List<string> members, string name, string? value, string? defaultValue)
    {
        if (value != defaultValue)
        {
            members.Add($"{name} = {(value is null ? "null" : CSharpLiterals.String(value))}");
        }
    }

    private static void Strings(List<string> members, string name, IList<string>? values)
    {
        if (values is not null)
        {
            members.Add($"{name} = {CSharpLiterals.Block("[", values.Select(CSharpLiterals.String).ToList(), "]", "[]")}");
        }
    }

    private static void Map(List<string> members, string name, IDictionary<string, string> values)
    {
        if (values.Count > 0)
        {
            var entries = values.Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String(pair.Value)}").ToList();
            members.Add($"{name} = {CSharpLiterals.Block("{", entries, "}", "{ }")}");
        }
    }

    private static void List(List<string> members, string name, IList<string> values)
    {
        if (values.Count > 0)
        {
            members.Add($"{name} = {CSharpLiterals.Block("{", values.Select(CSharpLiterals.String).ToList(), "}", "{ }")}");
        }
    }

    private static void Model<T>(List<string> members, string name, T? value, T? defaultValue)
        where T : class
    {
        var json = Json(value);
        if (!JsonTrees.SemanticallyEqual(json, Json(defaultValue)))
        {
            members.Add($"{name} = {(json is null ? "null" : TypedInitializer.Value(json, typeof(T)))}");
        }
    }

    private static JsonNode? Json(object? value) => value is null ? null : JsonNode.Parse(KubernetesJson.Serialize(value));
}

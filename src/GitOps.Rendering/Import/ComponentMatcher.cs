using GitOps.Dsl;
using k8s;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>A component that yields exactly some of an app's objects, and the C# that creates it.</summary>
internal sealed record ComponentMatch(string Expression, IReadOnlyList<PlannedObject> Objects);

/// <summary>
/// Finds object sets that one of the DSL's components yields exactly: a Deployment plus its Service (and HPA)
/// as a <see cref="WebService"/>, a lone Deployment as a <see cref="Worker"/>. The candidate's properties are read
/// off the objects, then it is built and compared; only an exact match replaces the typed objects.
/// </summary>
internal static partial class ComponentMatcher
{
    public static List<ComponentMatch> Find(AppPlan app)
    {
        var matches = new List<ComponentMatch>();
        var candidates = app.Objects.Where(o => o.Environments is null && o.Item.Form == ItemForm.Typed).ToList();
        var used = new HashSet<PlannedObject>();
        foreach (var deployment in candidates.Where(o => o.Item.Kind == "Deployment" && o.Item.ApiVersion == "apps/v1"))
        {
            var name = (string?)deployment.Manifest["metadata"]?["name"] ?? "";
            var service = candidates.FirstOrDefault(o => o.Item.Kind == "Service" && (string?)o.Manifest["metadata"]?["name"] == name && !used.Contains(o));
            var hpa = candidates.FirstOrDefault(o => o.Item.Kind == "HorizontalPodAutoscaler" && o.Item.ApiVersion == "autoscaling/v2"
                && (string?)o.Manifest["metadata"]?["name"] == name && !used.Contains(o));
            var match = service is not null ? TryWebService(app.Name, deployment, service, hpa) : TryWorker(app.Name, deployment, hpa);
            if (match is null && hpa is not null)
            {
                match = service is not null ? TryWebService(app.Name, deployment, service, null) : TryWorker(app.Name, deployment, null);
            }

            if (match is not null)
            {
                matches.Add(match);
                used.UnionWith(match.Objects);
            }
        }

        return matches;
    }

    private static ComponentMatch? TryWebService(string app, PlannedObject deployment, PlannedObject service, PlannedObject? hpa)
    {
        var name = (string)deployment.Manifest["metadata"]!["name"]!;
        var container = MainContainer(deployment.Manifest, name);
        var port = service.Manifest["spec"]?["ports"] as JsonArray;
        if (container?["ports"] is not JsonArray { Count: 1 } containerPorts || port is not { Count: 1 }
            || containerPorts[0]?["containerPort"] is not JsonValue containerPort || port[0]?["port"] is not JsonValue servicePort)
        {
            return null;
        }

        var web = new WebService(name)
        {
            Port = containerPort.GetValue<long>() is var p and <= int.MaxValue ? (int)p : 0,
            ServicePort = servicePort.GetValue<long>() is var s and <= int.MaxValue ? (int)s : 0,
            ServiceType = (string?)service.Manifest["spec"]?["type"] ?? "",
        };
        if (!Fill(web, deployment.Manifest, container))
        {
            return null;
        }

        web.Replicas = (int?)deployment.Manifest["spec"]?["replicas"]?.GetValue<long>() ?? web.Replicas;
        if (hpa is not null)
        {
            web.Autoscale = Autoscaling(hpa.Manifest);
        }

        InferProbes(web, container);
        return Verify(app, web, [deployment, service, .. hpa is null ? Array.Empty<PlannedObject>() : [hpa]], WebServiceExpression(web));
    }

    private static ComponentMatch? TryWorker(string app, PlannedObject deployment, PlannedObject? hpa)
    {
        var name = (string)deployment.Manifest["metadata"]!["name"]!;
        var container = MainContainer(deployment.Manifest, name);
        if (container is null || container["ports"] is not null)
        {
            return null;
        }

        var worker = new Worker(name);
        if (!Fill(worker, deployment.Manifest, container))
        {
            return null;
        }

        worker.Replicas = (int?)deployment.Manifest["spec"]?["replicas"]?.GetValue<long>() ?? worker.Replicas;
        if (hpa is not null)
        {
            worker.Autoscale = Autoscaling(hpa.Manifest);
        }

        return Verify(app, worker, [deployment, .. hpa is null ? Array.Empty<PlannedObject>() : [hpa]], WorkerExpression(worker));
    }

    /// <summary>Builds the component as rendering would and keeps it only if it yields exactly these objects.</summary>
    private static ComponentMatch? Verify(string app, Component component, IReadOnlyList<PlannedObject> objects, Func<string> expression)
    {
        try
        {
            var produced = component.Produce(new ComponentContext(app, new AppEnvironment("import", null, new Dictionary<Type, object>())))
                .Select(item => item is IKubernetesObject typed ? KubernetesTypes.ToJson(typed) : null)
                .ToList();
            if (produced.Count != objects.Count || produced.Any(json => json is null))
            {
                return null;
            }

            var wanted = objects.Select(o => JsonTrees.Canonical(o.Manifest)).Order(StringComparer.Ordinal);
            var got = produced.Select(json => JsonTrees.Canonical(json)).Order(StringComparer.Ordinal);
            return wanted.SequenceEqual(got, StringComparer.Ordinal) ? new ComponentMatch(expression(), objects) : null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or DslException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    private static JsonObject? MainContainer(JsonObject deployment, string name) =>
        deployment["spec"]?["template"]?["spec"]?["containers"] is JsonArray { Count: 1 } containers
        && containers[0] is JsonObject container && (string?)container["name"] == name
            ? container
            : null;

    private static Autoscaling? Autoscaling(JsonObject hpa)
    {
        var spec = hpa["spec"];
        var min = spec?["minReplicas"]?.GetValue<long>();
        var max = spec?["maxReplicas"]?.GetValue<long>();
        var utilization = spec?["metrics"]?[0]?["resource"]?["target"]?["averageUtilization"]?.GetValue<long>();
        return min is null || max is null || utilization is null ? null : new Autoscaling((int)min, (int)max) { CpuUtilization = (int)utilization };
    }

    private static T? Typed<T>(JsonNode? node)
        where T : class =>
        node is null ? null : KubernetesJson.Deserialize<T>(node.ToJsonString());
}

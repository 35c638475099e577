// Shared building blocks for every team: a web service with a default-deny network policy and a Prometheus
// ServiceMonitor (a custom resource, rendered exactly as given).

/// <summary>What a team sets per environment.</summary>
public sealed record TeamValues
{
    public string PaymentsTag { get; init; } = "3.2.0";
    public string SearchTag { get; init; } = "0.9.4";
    public int Replicas { get; init; } = 1;
    public string ScrapeInterval { get; init; } = "60s";
}

/// <summary>A team's HTTP service: the WebService plus the policy and monitoring every team must have.</summary>
public sealed class TeamService(string team, string name) : Component(name)
{
    public string Image { get; init; } = "";
    public int Replicas { get; init; } = 1;
    public string ScrapeInterval { get; init; } = "60s";
    public IDictionary<string, string> Env { get; init; } = new Dictionary<string, string>();

    protected override IEnumerable<object> Build(ComponentContext context)
    {
        var web = new WebService(Name) { Image = Image, Port = 8080, HealthPath = "/healthz", Replicas = Replicas, CreateServiceAccount = true };
        web.Labels["acme.example.com/team"] = team;
        foreach (var (key, value) in Env)
        {
            web.Env[key] = value;
        }

        yield return web;
        yield return new V1NetworkPolicy
        {
            Metadata = new V1ObjectMeta { Name = Name },
            Spec = new V1NetworkPolicySpec
            {
                PodSelector = new V1LabelSelector { MatchLabels = context.SelectorLabels(Name) },
                PolicyTypes = ["Ingress"],
                Ingress = [new V1NetworkPolicyIngressRule { FromProperty = [new V1NetworkPolicyPeer { NamespaceSelector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["acme.example.com/ingress"] = "true" } } }] }],
            },
        };
        yield return new CustomObject("monitoring.coreos.com/v1", "ServiceMonitor", Name)
        {
            Labels = { ["release"] = "prometheus" },
            Spec = new Dictionary<string, object?>
            {
                ["selector"] = new Dictionary<string, object?> { ["matchLabels"] = context.SelectorLabels(Name) },
                ["endpoints"] = new[] { new Dictionary<string, object?> { ["port"] = "http", ["interval"] = ScrapeInterval, ["path"] = "/metrics" } },
            },
        };
    }
}

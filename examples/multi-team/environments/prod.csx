Environment("prod", e =>
{
    e.Namespace = "shop-prod";
    e.Labels["env"] = "prod";
    e.Values(new TeamValues { Replicas = 3, ScrapeInterval = "15s" });
    // Prod monitoring goes to a second Prometheus: patch the custom resources as plain JSON.
    e.PatchJson(app: null, kind: "ServiceMonitor", name: null, monitor => monitor["metadata"]!["labels"]!["release"] = "prometheus-prod");
    e.Replicas["search-indexer"] = 2;
});

// Staging: production-like sizes at smaller scale, the release about to ship.
Environment("staging", e =>
{
    e.Namespace = "storefront-staging";
    e.Labels["env"] = "staging";
    e.Annotations["acme.example.com/owner"] = "team-storefront";
    e.Values(new Settings
    {
        Tag = "1.5.0",
        Host = "shop.staging.example.com",
        FrontendReplicas = 2,
        BackendReplicas = 2,
        MaxReplicas = 4,
        LogLevel = "info",
        DatabaseSize = "20Gi",
    });
    e.External.Secrets.Add("postgres-credentials");
    e.External.Secrets.Add("storefront-tls");
});

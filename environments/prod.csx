// Production: more replicas, bigger resources, a pinned frontend hotfix image and high scheduling priority.
Environment("prod", e =>
{
    e.Namespace = "storefront-prod";
    e.Labels["env"] = "prod";
    e.Annotations["acme.example.com/owner"] = "team-storefront";
    e.Values(new Settings
    {
        Tag = "1.5.0",
        Host = "shop.example.com",
        FrontendReplicas = 3,
        BackendReplicas = 3,
        MaxReplicas = 10,
        LogLevel = "warn",
        DatabaseSize = "100Gi",
    });

    // Like kustomize `images:`: the frontend runs a hotfix build in prod only.
    e.Image("ghcr.io/acme/storefront-frontend", newTag: "1.5.1");
    e.Replicas["postgres"] = 1;

    // Typed patches: list items are addressed by name, not by index.
    e.Patch<V1Deployment>(app: "storefront", name: "backend", d =>
    {
        d.Spec.Template.Spec.PriorityClassName = "high";
        d.Container("backend").Resources.Requests["cpu"] = new ResourceQuantity("500m");
        d.Container("backend").Resources.Limits["memory"] = new ResourceQuantity("1Gi");
        d.Container("backend").SetEnv("DOTNET_gcServer", "1");
    });
    e.Patch<V1Deployment>(app: "storefront", name: "frontend", d => d.Spec.Template.Spec.PriorityClassName = "high");

    e.External.Secrets.Add("postgres-credentials");
    e.External.Secrets.Add("storefront-tls");
});

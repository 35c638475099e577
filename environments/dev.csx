// Development: one replica of everything, release candidates, verbose logs.
Environment("dev", e =>
{
    e.Namespace = "storefront-dev";
    e.Labels["env"] = "dev";
    e.Values(new Settings
    {
        Tag = "1.6.0-rc.2",
        Host = "shop.dev.example.com",
        LogLevel = "debug",
    });
    // The database password comes from a SealedSecret applied by the platform team.
    e.External.Secrets.Add("postgres-credentials");
    e.External.Secrets.Add("storefront-tls");
});

// Production: more replicas.
Environment("prod", e =>
{
    e.Namespace = "web-prod";
    e.Labels["env"] = "prod";
    e.Values(new Settings { Replicas = 3 });
});

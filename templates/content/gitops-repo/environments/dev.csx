// Development: one replica, the default settings.
Environment("dev", e =>
{
    e.Namespace = "web-dev";
    e.Labels["env"] = "dev";
    e.Values(new Settings());
});

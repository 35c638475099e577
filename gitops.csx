// The storefront system: a frontend and a backend web service, a cache, and a PostgreSQL database with a daily
// backup. Each environments/<env>.csx sets the values below and overlays namespace, labels, images and patches.
// Render with: dotnet tool run gitops -- render

/// <summary>What differs between environments. Each environment sets it with e.Values(new Settings { ... }).</summary>
public sealed record Settings
{
    public string Tag { get; init; } = "1.5.0";
    public string Host { get; init; } = "shop.dev.example.com";
    public int FrontendReplicas { get; init; } = 1;
    public int BackendReplicas { get; init; } = 1;
    public int MaxReplicas { get; init; } = 2;
    public string LogLevel { get; init; } = "debug";
    public string DatabaseSize { get; init; } = "5Gi";
}

App("storefront", env =>
{
    var settings = env.Values<Settings>();
    return new object[]
    {
        new ConfigMapGenerator("frontend-config")
        {
            Files = { "config/frontend/nginx.conf" },
        },
        new WebService("frontend")
        {
            Image = $"ghcr.io/acme/storefront-frontend:{settings.Tag}",
            Port = 8080,
            HealthPath = "/healthz",
            Autoscale = new Autoscaling(settings.FrontendReplicas, settings.MaxReplicas),
            MinAvailable = 1,
            Ingress = new IngressOptions(settings.Host) { ClassName = "nginx", TlsSecretName = "storefront-tls" },
            CreateServiceAccount = true,
            ConfigMapMounts = { ["frontend-config"] = "/etc/nginx/conf.d" },
            Env = { ["BACKEND_URL"] = "http://backend", ["LOG_LEVEL"] = settings.LogLevel },
        },
        new ConfigMapGenerator("backend-config")
        {
            Files = { "config/backend/appsettings.json" },
            Literals = { ["LOG_LEVEL"] = settings.LogLevel },
        },
        new WebService("backend")
        {
            Image = $"ghcr.io/acme/storefront-backend:{settings.Tag}",
            Port = 8080,
            HealthPath = "/health/ready",
            Replicas = settings.BackendReplicas,
            Autoscale = new Autoscaling(settings.BackendReplicas, settings.MaxReplicas) { CpuUtilization = 60 },
            CreateServiceAccount = true,
            EnvFromConfigMaps = { "backend-config" },
            EnvFromSecrets = { "postgres-credentials" },
            Env = { ["CACHE_URL"] = "redis://cache:6379", ["DATABASE_HOST"] = "postgres" },
        },
        new WebService("cache")
        {
            Image = "docker.io/library/redis:7.4.1-alpine",
            Port = 6379,
            ServicePort = 6379,
            Replicas = 1,
            Args = ["--save", "", "--appendonly", "no"],
        },
    };
});

App("database", env =>
{
    var settings = env.Values<Settings>();
    return new object[]
    {
        new StatefulService("postgres")
        {
            Image = "docker.io/library/postgres:16.4",
            Port = 5432,
            Storage = { new PersistentStorage("data", settings.DatabaseSize, "/var/lib/postgresql/data") },
            EnvFromSecrets = { "postgres-credentials" },
            CreateServiceAccount = true,
            Resources = new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("250m"), ["memory"] = new("512Mi") },
                Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("1Gi") },
            },
            // PostgreSQL writes to its data directory and /var/run; the rest of the defaults stay.
            SecurityContext = new V1SecurityContext { RunAsNonRoot = true, RunAsUser = 999, AllowPrivilegeEscalation = false, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
        },
        new ConfigMapGenerator("backup-script")
        {
            Files = { "config/database/backup.sh" },
        },
        new ScheduledJob("postgres-backup", "0 3 * * *")
        {
            Image = "docker.io/library/postgres:16.4",
            Command = ["/bin/sh", "/scripts/backup.sh"],
            EnvFromSecrets = { "postgres-credentials" },
            ConfigMapMounts = { ["backup-script"] = "/scripts" },
            Env = { ["PGHOST"] = "postgres" },
        },
    };
});

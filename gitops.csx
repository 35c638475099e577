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

// The GitOps agent itself, rendered and reconciled like everything else (`gitops agent`, issue 7). One agent per
// cluster reconciles its environment's folder of the rendered branch. Two replicas elect a leader through a Lease.
App("gitops-agent", env =>
{
    const string ns = "gitops-system";
    const string name = "gitops-agent";
    var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name };
    V1PolicyRule Rule(string[] groups, string[] resources, params string[] verbs) => new() { ApiGroups = groups, Resources = resources, Verbs = verbs };
    string[] applyVerbs = ["get", "list", "watch", "create", "patch", "update", "delete"];
    return new object[]
    {
        new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } },
        new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns } },
        new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"{name}-config", NamespaceProperty = ns },
            Data = new Dictionary<string, string>
            {
                // Keys are the flag names of `gitops agent`; GITOPS_* variables and flags override them.
                ["config.yaml"] = $"""
                    repo: https://github.com/acme/storefront-config.git
                    branch: rendered
                    path: {env.Name}
                    cluster-name: {env.Name}
                    interval: 1m
                    listen: 0.0.0.0:8080
                    namespace: {ns}
                    cache-dir: /var/cache/gitops
                    write-back: "true"
                    verify-signatures: "true"
                    allowed-signers: /etc/gitops/signers/allowed_signers
                    """,
            },
        },
        // Public keys allowed to sign rendered commits (`gitops render --sign ssh:KEY`), in ssh allowed_signers format.
        new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = $"{name}-signers", NamespaceProperty = ns },
            Data = new Dictionary<string, string> { ["allowed_signers"] = "# principal ssh-ed25519 AAAA... (one trusted render key per line)\n" },
        },
        // Least privilege: read discovery and apply only the kinds this repository renders; nothing else.
        new V1ClusterRole
        {
            Metadata = new V1ObjectMeta { Name = name },
            Rules =
            [
                Rule([""], ["namespaces", "configmaps", "services", "serviceaccounts", "persistentvolumeclaims"], applyVerbs),
                Rule(["apps"], ["deployments", "statefulsets"], applyVerbs),
                Rule(["batch"], ["cronjobs"], applyVerbs),
                Rule(["autoscaling"], ["horizontalpodautoscalers"], applyVerbs),
                Rule(["networking.k8s.io"], ["ingresses"], applyVerbs),
                Rule(["policy"], ["poddisruptionbudgets"], applyVerbs),
                Rule(["rbac.authorization.k8s.io"], ["clusterroles", "clusterrolebindings", "roles", "rolebindings"], [.. applyVerbs, "bind", "escalate"]),
                Rule(["apiextensions.k8s.io"], ["customresourcedefinitions"], "get", "list"),
            ],
        },
        new V1ClusterRoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
        },
        // In its own namespace: the inventory and status ConfigMaps, the leader Lease, and Events.
        new V1Role
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Rules =
            [
                Rule([""], ["configmaps"], "get", "list", "create", "patch", "update"),
                Rule(["coordination.k8s.io"], ["leases"], "get", "create", "update"),
                Rule([""], ["events"], "create", "patch"),
            ],
        },
        new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
            Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
        },
        new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1DeploymentSpec
            {
                Replicas = 2,
                Selector = new V1LabelSelector { MatchLabels = labels },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta
                    {
                        Labels = labels,
                        Annotations = new Dictionary<string, string> { ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "8080" },
                    },
                    Spec = new V1PodSpec
                    {
                        ServiceAccountName = name,
                        SecurityContext = new V1PodSecurityContext { RunAsNonRoot = true, RunAsUser = 1654, FsGroup = 1654, SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" } },
                        Containers =
                        [
                            new V1Container
                            {
                                Name = "agent",
                                Image = "ghcr.io/acme/gitops-agent:0.1.0",
                                Args = ["agent", "--config", "/etc/gitops/config.yaml"],
                                Ports = [new V1ContainerPort { Name = "http", ContainerPort = 8080 }],
                                Env =
                                [
                                    new V1EnvVar { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.name" } } },
                                    // The webhook is enabled when this Secret exists (created out of band: it is a secret).
                                    new V1EnvVar { Name = "GITOPS_WEBHOOK_SECRET", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = $"{name}-webhook", Key = "secret", Optional = true } } },
                                ],
                                LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = "http" }, PeriodSeconds = 10 },
                                ReadinessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/readyz", Port = "http" }, PeriodSeconds = 5 },
                                // Measured (README, soak): 120-170 MiB between runs, peaks of 210-240 MiB at 5,000 objects. The
                                // image caps the GC heap at 50% of the limit, so raising the limit also raises that cap.
                                Resources = new V1ResourceRequirements
                                {
                                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("50m"), ["memory"] = new("160Mi") },
                                    Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
                                },
                                SecurityContext = new V1SecurityContext { AllowPrivilegeEscalation = false, ReadOnlyRootFilesystem = true, Capabilities = new V1Capabilities { Drop = ["ALL"] } },
                                VolumeMounts =
                                [
                                    new V1VolumeMount { Name = "config", MountPath = "/etc/gitops/config.yaml", SubPath = "config.yaml" },
                                    new V1VolumeMount { Name = "signers", MountPath = "/etc/gitops/signers" },
                                    new V1VolumeMount { Name = "cache", MountPath = "/var/cache/gitops" },
                                    new V1VolumeMount { Name = "tmp", MountPath = "/tmp" },
                                ],
                            },
                        ],
                        Volumes =
                        [
                            new V1Volume { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{name}-config" } },
                            new V1Volume { Name = "signers", ConfigMap = new V1ConfigMapVolumeSource { Name = $"{name}-signers" } },
                            new V1Volume { Name = "cache", EmptyDir = new V1EmptyDirVolumeSource() },
                            new V1Volume { Name = "tmp", EmptyDir = new V1EmptyDirVolumeSource() },
                        ],
                    },
                },
            },
        },
        new V1Service
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1ServiceSpec { Selector = labels, Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = "http" }] },
        },
        new V1PodDisruptionBudget
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = labels } },
        },
    };
});

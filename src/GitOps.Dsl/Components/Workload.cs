using k8s.Models;

namespace GitOps.Dsl;

/// <summary>
/// The container and pod settings shared by <see cref="WebService"/>, <see cref="Worker"/>,
/// <see cref="ScheduledJob"/> and <see cref="StatefulService"/>, with secure defaults you can replace one by one.
/// </summary>
/// <param name="name">The component name.</param>
public abstract class Workload(string name) : Component(name)
{
    /// <summary>The container image, with a tag or digest (<c>ghcr.io/acme/api:1.4.2</c>).</summary>
    public string Image { get; set; } = "";

    /// <summary>Overrides the image's entrypoint.</summary>
    public IList<string>? Command { get; set; }

    /// <summary>Arguments to the entrypoint.</summary>
    public IList<string>? Args { get; set; }

    /// <summary>Environment variables by name.</summary>
    public IDictionary<string, string> Env { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>ConfigMaps (plain or generated names) whose keys all become environment variables.</summary>
    public IList<string> EnvFromConfigMaps { get; } = [];

    /// <summary>Secrets whose keys all become environment variables.</summary>
    public IList<string> EnvFromSecrets { get; } = [];

    /// <summary>ConfigMaps mounted as files: ConfigMap name to mount path.</summary>
    public IDictionary<string, string> ConfigMapMounts { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Secrets mounted as files: Secret name to mount path.</summary>
    public IDictionary<string, string> SecretMounts { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Requests 100m CPU and 128Mi memory, limits memory to 256Mi, unless replaced.</summary>
    public V1ResourceRequirements Resources { get; set; } = WorkloadDefaults.Resources();

    /// <summary>Non-root, no privilege escalation, read-only root filesystem, all capabilities dropped, unless replaced.</summary>
    public V1SecurityContext SecurityContext { get; set; } = WorkloadDefaults.ContainerSecurityContext();

    /// <summary>Non-root with the runtime's default seccomp profile, unless replaced.</summary>
    public V1PodSecurityContext PodSecurityContext { get; set; } = WorkloadDefaults.PodSecurityContext();

    /// <summary>Creates a ServiceAccount named like the component and runs the pods under it.</summary>
    public bool CreateServiceAccount { get; set; }

    /// <summary>Runs the pods under an existing ServiceAccount (ignored when <see cref="CreateServiceAccount"/> is set).</summary>
    public string? ServiceAccountName { get; set; }

    /// <summary>Mounts the ServiceAccount token into pods; off by default, as most apps never call the API server.</summary>
    public bool AutomountServiceAccountToken { get; set; }

    /// <summary>Extra labels on every object of the component and its pods.</summary>
    public IDictionary<string, string> Labels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Annotations on the pods.</summary>
    public IDictionary<string, string> PodAnnotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The labels of the component's objects: the selector labels plus <see cref="Labels"/>.</summary>
    protected IDictionary<string, string> ObjectLabels(ComponentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var labels = context.SelectorLabels(Name);
        foreach (var (key, value) in Labels)
        {
            labels[key] = value;
        }

        return labels;
    }

    /// <summary>Object metadata with the component name and labels.</summary>
    protected V1ObjectMeta Metadata(ComponentContext context, string? name = null) =>
        new() { Name = name ?? Name, Labels = ObjectLabels(context) };

    /// <summary>The main container, built from the properties above.</summary>
    protected virtual V1Container Container()
    {
        var container = new V1Container
        {
            Name = Name,
            Image = Image,
            Command = Command,
            Args = Args,
            Resources = Resources,
            SecurityContext = SecurityContext,
        };
        if (Env.Count > 0)
        {
            container.Env = Env.Select(pair => new V1EnvVar { Name = pair.Key, Value = pair.Value }).ToList();
        }

        var envFrom = EnvFromConfigMaps.Select(map => new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = map } })
            .Concat(EnvFromSecrets.Select(secret => new V1EnvFromSource { SecretRef = new V1SecretEnvSource { Name = secret } }))
            .ToList();
        container.EnvFrom = envFrom.Count > 0 ? envFrom : null;
        var mounts = ConfigMapMounts.Select(pair => new V1VolumeMount { MountPath = pair.Value, Name = VolumeName("config", pair.Key), ReadOnlyProperty = true })
            .Concat(SecretMounts.Select(pair => new V1VolumeMount { MountPath = pair.Value, Name = VolumeName("secret", pair.Key), ReadOnlyProperty = true }))
            .ToList();
        container.VolumeMounts = mounts.Count > 0 ? mounts : null;
        return container;
    }

    /// <summary>The pod template: labels, annotations, the container, volumes, security context and service account.</summary>
    protected V1PodTemplateSpec PodTemplate(ComponentContext context, V1Container container, string? restartPolicy = null)
    {
        var volumes = ConfigMapMounts.Keys.Select(map => new V1Volume { Name = VolumeName("config", map), ConfigMap = new V1ConfigMapVolumeSource { Name = map } })
            .Concat(SecretMounts.Keys.Select(secret => new V1Volume { Name = VolumeName("secret", secret), Secret = new V1SecretVolumeSource { SecretName = secret } }))
            .ToList();
        return new V1PodTemplateSpec
        {
            Metadata = new V1ObjectMeta
            {
                Labels = ObjectLabels(context),
                Annotations = PodAnnotations.Count > 0 ? new SortedDictionary<string, string>(PodAnnotations, StringComparer.Ordinal) : null,
            },
            Spec = new V1PodSpec
            {
                Containers = [container],
                Volumes = volumes.Count > 0 ? volumes : null,
                SecurityContext = PodSecurityContext,
                ServiceAccountName = CreateServiceAccount ? Name : ServiceAccountName,
                AutomountServiceAccountToken = AutomountServiceAccountToken,
                RestartPolicy = restartPolicy,
            },
        };
    }

    /// <summary>The ServiceAccount when <see cref="CreateServiceAccount"/> is set.</summary>
    protected IEnumerable<object> ServiceAccountIfRequested(ComponentContext context)
    {
        if (CreateServiceAccount)
        {
            yield return new V1ServiceAccount { Metadata = Metadata(context), AutomountServiceAccountToken = AutomountServiceAccountToken };
        }
    }

    private static string VolumeName(string prefix, string source) => $"{prefix}-{source}";
}

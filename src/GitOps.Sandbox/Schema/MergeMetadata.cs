namespace GitOps.Sandbox.Schema;

/// <summary>
/// The list and map annotations of the Kubernetes API types (<c>+listType</c>, <c>+listMapKey</c>,
/// <c>+patchMergeKey</c>, <c>+patchStrategy</c>, <c>+structType/+mapType=atomic</c>), which the KubernetesClient
/// models do not carry. Taken from k8s.io/api v1.32; lists not named here are atomic, as in Kubernetes.
/// </summary>
internal static class MergeMetadata
{
    internal sealed record ListInfo(ListType Type, string[] Keys, string? MergeKey, string? Strategy);

    private static readonly ListInfo Conditions = new(ListType.Map, ["type"], "type", "merge");

    private static readonly Dictionary<string, ListInfo> Lists = new(StringComparer.Ordinal)
    {
        ["V1ObjectMeta.finalizers"] = new(ListType.Set, [], null, "merge"),
        ["V1ObjectMeta.ownerReferences"] = new(ListType.Map, ["uid"], "uid", "merge"),
        ["V1PodSpec.containers"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1PodSpec.initContainers"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1PodSpec.ephemeralContainers"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1PodSpec.volumes"] = new(ListType.Map, ["name"], "name", "merge,retainKeys"),
        ["V1PodSpec.imagePullSecrets"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1PodSpec.hostAliases"] = new(ListType.Map, ["ip"], "ip", "merge"),
        ["V1PodSpec.topologySpreadConstraints"] = new(ListType.Map, ["topologyKey", "whenUnsatisfiable"], "topologyKey", "merge"),
        ["V1PodSpec.schedulingGates"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1PodSpec.resourceClaims"] = new(ListType.Map, ["name"], "name", "merge,retainKeys"),
        ["V1Container.ports"] = new(ListType.Map, ["containerPort", "protocol"], "containerPort", "merge"),
        ["V1Container.env"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1Container.volumeMounts"] = new(ListType.Map, ["mountPath"], "mountPath", "merge"),
        ["V1Container.volumeDevices"] = new(ListType.Map, ["devicePath"], "devicePath", "merge"),
        ["V1EphemeralContainer.ports"] = new(ListType.Map, ["containerPort", "protocol"], "containerPort", "merge"),
        ["V1EphemeralContainer.env"] = new(ListType.Map, ["name"], "name", "merge"),
        ["V1EphemeralContainer.volumeMounts"] = new(ListType.Map, ["mountPath"], "mountPath", "merge"),
        ["V1EphemeralContainer.volumeDevices"] = new(ListType.Map, ["devicePath"], "devicePath", "merge"),
        ["V1ResourceRequirements.claims"] = new(ListType.Map, ["name"], null, null),
        ["V1ServiceSpec.ports"] = new(ListType.Map, ["port", "protocol"], "port", "merge"),
        ["V1DeploymentStatus.conditions"] = Conditions,
        ["V1ReplicaSetStatus.conditions"] = Conditions,
        ["V1StatefulSetStatus.conditions"] = Conditions,
        ["V1DaemonSetStatus.conditions"] = Conditions,
        ["V1PodStatus.conditions"] = Conditions,
        ["V1NamespaceStatus.conditions"] = Conditions,
        ["V1PersistentVolumeClaimStatus.conditions"] = Conditions,
        ["V1ServiceStatus.conditions"] = Conditions,
        ["V1CustomResourceDefinitionStatus.conditions"] = Conditions,
        ["V1PodDisruptionBudgetStatus.conditions"] = Conditions,
        ["V1JobStatus.conditions"] = new(ListType.Atomic, [], "type", "merge"),
        ["V1CronJobStatus.active"] = new(ListType.Atomic, [], null, null),
    };

    /// <summary>Struct types Kubernetes marks <c>+structType=atomic</c>: replaced whole by apply.</summary>
    private static readonly HashSet<string> AtomicStructs = new(StringComparer.Ordinal)
    {
        "V1LabelSelector", "V1NodeSelector", "V1NodeSelectorTerm", "V1ObjectReference", "V1LocalObjectReference",
        "V1SecretKeySelector", "V1ConfigMapKeySelector", "V1TypedLocalObjectReference", "V1TypedObjectReference",
        "V1RoleRef", "V1ObjectFieldSelector", "V1ResourceFieldSelector", "V1SecretReference",
    };

    /// <summary>Maps Kubernetes marks <c>+mapType=atomic</c>.</summary>
    private static readonly HashSet<string> AtomicMaps = new(StringComparer.Ordinal)
    {
        "V1ServiceSpec.selector", "V1PodSpec.nodeSelector", "V1ReplicationControllerSpec.selector",
    };

    /// <summary>Struct fields with a strategic-merge-patch strategy of their own.</summary>
    private static readonly Dictionary<string, string> StructStrategies = new(StringComparer.Ordinal)
    {
        ["V1DeploymentSpec.strategy"] = "retainKeys",
    };

    /// <summary>Defaults the apiserver applies to list-map key fields, so keys are complete before defaulting.</summary>
    public static IReadOnlyDictionary<string, string> KeyDefaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["protocol"] = "TCP",
    };

    public static ListInfo? ForList(string typeName, string field) =>
        Lists.TryGetValue($"{typeName}.{field}", out var info) ? info : null;

    public static bool IsAtomicStruct(string typeName) => AtomicStructs.Contains(typeName);

    public static bool IsAtomicMap(string typeName, string field) => AtomicMaps.Contains($"{typeName}.{field}");

    public static string? StructStrategy(string typeName, string field) =>
        StructStrategies.TryGetValue($"{typeName}.{field}", out var strategy) ? strategy : null;
}

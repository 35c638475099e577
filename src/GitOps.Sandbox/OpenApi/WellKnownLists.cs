namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// The list-merge markers Kubernetes declares on its Go types (<c>+listType</c>, <c>+listMapKey</c>,
/// <c>patchMergeKey</c>, <c>patchStrategy</c>). The client models do not carry them, so they are
/// restated here for the lists real manifests use; kubectl's strategic merge and our server-side
/// apply both depend on them.
/// </summary>
internal static class WellKnownLists
{
    private const string Core = "io.k8s.api.core.v1.";
    private const string Meta = ModelDefinitionNames.MetaPackage + ".";

    private static ListSemantics MergeBy(string key, params string[] mapKeys) =>
        new("map", mapKeys.Length > 0 ? mapKeys : [key], key, "merge");

    private static readonly Dictionary<(string Definition, string Property), ListSemantics> Table = new()
    {
        [(Core + "PodSpec", "containers")] = MergeBy("name"),
        [(Core + "PodSpec", "initContainers")] = MergeBy("name"),
        [(Core + "PodSpec", "ephemeralContainers")] = MergeBy("name"),
        [(Core + "PodSpec", "volumes")] = MergeBy("name") with { PatchStrategy = "merge,retainKeys" },
        [(Core + "PodSpec", "imagePullSecrets")] = MergeBy("name"),
        [(Core + "PodSpec", "hostAliases")] = MergeBy("ip"),
        [(Core + "PodSpec", "topologySpreadConstraints")] = MergeBy("topologyKey", "topologyKey", "whenUnsatisfiable"),
        [(Core + "PodSpec", "resourceClaims")] = MergeBy("name") with { PatchStrategy = "merge,retainKeys" },
        [(Core + "PodSpec", "schedulingGates")] = MergeBy("name"),
        [(Core + "Container", "ports")] = MergeBy("containerPort", "containerPort", "protocol"),
        [(Core + "Container", "env")] = MergeBy("name"),
        [(Core + "Container", "volumeMounts")] = MergeBy("mountPath"),
        [(Core + "Container", "volumeDevices")] = MergeBy("devicePath"),
        [(Core + "EphemeralContainer", "ports")] = MergeBy("containerPort", "containerPort", "protocol"),
        [(Core + "EphemeralContainer", "env")] = MergeBy("name"),
        [(Core + "EphemeralContainer", "volumeMounts")] = MergeBy("mountPath"),
        [(Core + "EphemeralContainer", "volumeDevices")] = MergeBy("devicePath"),
        [(Core + "ServiceSpec", "ports")] = MergeBy("port", "port", "protocol"),
        [(Core + "PodStatus", "podIPs")] = MergeBy("ip"),
        [(Core + "PodStatus", "hostIPs")] = MergeBy("ip"),
        [(Core + "NodeStatus", "addresses")] = MergeBy("type"),
        [("io.k8s.api.batch.v1.JobStatus", "conditions")] = new("atomic", [], "type", "merge"),
        [(Meta + "ObjectMeta", "ownerReferences")] = MergeBy("uid"),
        [(Meta + "ObjectMeta", "finalizers")] = new("set", [], null, "merge"),
    };

    /// <summary>
    /// The list semantics for <paramref name="property"/> of <paramref name="definition"/>; lists of
    /// conditions merge by <c>type</c> everywhere, as Kubernetes declares them.
    /// </summary>
    public static ListSemantics? For(string definition, string property, bool itemsHaveType) =>
        Table.TryGetValue((definition, property), out var semantics)
            ? semantics
            : property == "conditions" && itemsHaveType ? MergeBy("type") : null;
}

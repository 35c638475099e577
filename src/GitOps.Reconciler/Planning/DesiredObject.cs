using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Manifests;

namespace GitOps.Reconciler.Planning;

/// <summary>Apply order within a wave: definitions first, then the namespaces and cluster objects others live in.</summary>
internal enum ApplyCategory
{
    CustomResourceDefinition = 0,
    Namespace = 1,
    ClusterScoped = 2,
    Namespaced = 3,
}

/// <summary>A manifest resolved against discovery: its REST location, final identity and the body to apply.</summary>
internal sealed class DesiredObject(ManifestObject manifest, ResourceInfo resource, ObjectRef reference, JsonObject body, int wave)
{
    public ManifestObject Manifest { get; } = manifest;

    public ResourceInfo Resource { get; } = resource;

    public ObjectRef Ref { get; } = reference;

    /// <summary>The manifest plus the ApplySet membership label and a defaulted namespace.</summary>
    public JsonObject Body { get; } = body;

    public int Wave { get; } = wave;

    public List<DesiredObject> DependsOn { get; } = [];

    public string Path => Resource.ObjectPath(Ref.Namespace, Ref.Name);

    public bool IsCustomResourceDefinition => Ref is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" };

    public ApplyCategory Category => this switch
    {
        { IsCustomResourceDefinition: true } => ApplyCategory.CustomResourceDefinition,
        { Ref: { Group: "", Kind: "Namespace" } } => ApplyCategory.Namespace,
        { Resource.Namespaced: false } => ApplyCategory.ClusterScoped,
        _ => ApplyCategory.Namespaced,
    };
}

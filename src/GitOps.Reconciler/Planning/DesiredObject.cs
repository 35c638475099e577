using System.Text.Json;
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

/// <summary>
/// A manifest resolved against discovery: its REST location, final identity and the body to apply. The body is kept
/// as one parsed JSON document, not a tree of nodes: an agent holds its whole desired set for the length of a run,
/// and for 5,000 ConfigMaps the node trees were 17 MB of the heap, the parsed documents about a quarter of that.
/// </summary>
internal sealed class DesiredObject(ManifestObject manifest, ResourceInfo resource, ObjectRef reference, JsonObject body, int wave)
{
    public ResourceInfo Resource { get; } = resource;

    public ObjectRef Ref { get; } = reference;

    /// <summary>The manifest plus the ApplySet membership label and a defaulted namespace, as compact JSON.</summary>
    public JsonElement Json { get; } = JsonBody.ToElement(body);

    /// <summary>A node view of <see cref="Json"/>, made on each call: for reading, as changes to it are not kept.</summary>
    public JsonObject Body => JsonObject.Create(Json)!;

    /// <summary>The file in the rendered branch that defines the object.</summary>
    public string File { get; } = manifest.File;

    /// <summary>Where the object is defined, as <c>file:line</c>, for messages.</summary>
    public string Location { get; } = manifest.Location;

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

    /// <summary>The value of one of the body's annotations, or null.</summary>
    public string? Annotation(string key) => ObjectMetadata.Annotation(Json, key);
}

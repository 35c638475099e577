using k8s;
using k8s.Models;
using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>
/// One environment's overlay, set up in <c>environments/&lt;env&gt;.csx</c>: what kustomize overlays and Helm
/// values do, as typed C#.
/// </summary>
public sealed class EnvironmentBuilder
{
    private readonly Dictionary<Type, object> values = [];
    private readonly List<ObjectPatch> patches = [];
    private readonly List<ImageOverride> images = [];

    internal EnvironmentBuilder(string name, SourceLocation source)
    {
        Name = name;
        Source = source;
    }

    /// <summary>The environment name.</summary>
    public string Name { get; }

    /// <summary>Where the environment was declared.</summary>
    public SourceLocation Source { get; }

    /// <summary>The namespace for every namespaced object that does not set its own.</summary>
    public string? Namespace { get; set; }

    /// <summary>Labels added to every object's metadata and to pod templates (never to selectors, which are immutable).</summary>
    public IDictionary<string, string> Labels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Annotations added to every object's metadata.</summary>
    public IDictionary<string, string> Annotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Prepended to the name of every object the scripts define (references are rewritten to match).</summary>
    public string NamePrefix { get; set; } = "";

    /// <summary>Appended to the name of every object the scripts define (references are rewritten to match).</summary>
    public string NameSuffix { get; set; } = "";

    /// <summary>Replica counts by workload name (Deployment or StatefulSet), like kustomize <c>replicas:</c>.</summary>
    public IDictionary<string, int> Replicas { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    /// <summary>ConfigMaps, Secrets, ServiceAccounts and PVCs that exist in the cluster but are not rendered here.</summary>
    public ExternalReferences External { get; } = new();

    internal IReadOnlyDictionary<Type, object> TypedValues => values;

    internal IReadOnlyList<ObjectPatch> Patches => patches;

    internal IReadOnlyList<ImageOverride> ImageOverrides => images;

    /// <summary>
    /// Sets the values apps read with <c>env.Values&lt;T&gt;()</c>. Declare <typeparamref name="T"/> in
    /// <c>gitops.csx</c> (a class or record with defaults) so that a misspelt value does not compile.
    /// </summary>
    public void Values<T>(T value)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(value);
        values[typeof(T)] = value;
    }

    /// <summary>
    /// Overrides an image wherever a container uses it, like kustomize <c>images:</c>. <paramref name="name"/>
    /// is the image without tag or digest (<c>ghcr.io/acme/frontend</c>).
    /// </summary>
    /// <param name="name">The image to match, without tag or digest.</param>
    /// <param name="newTag">The tag to use instead.</param>
    /// <param name="newName">The image name to use instead.</param>
    /// <param name="digest">A digest (<c>sha256:...</c>) to pin instead of a tag.</param>
    public void Image(string name, string? newTag = null, string? newName = null, string? digest = null) =>
        images.Add(new ImageOverride(name, newTag, newName, digest));

    /// <summary>Mutates every <typeparamref name="T"/> in the environment.</summary>
    public void Patch<T>(Action<T> patch)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Patch(app: null, name: null, patch);

    /// <summary>Mutates every <typeparamref name="T"/> of one app.</summary>
    public void Patch<T>(string? app, Action<T> patch)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        Patch(app, name: null, patch);

    /// <summary>
    /// Mutates the <typeparamref name="T"/> objects selected by app and name (either may be null for "any"),
    /// before names get the environment's prefix/suffix. Use <see cref="ListExtensions"/> to patch containers or
    /// env vars by name.
    /// </summary>
    public void Patch<T>(string? app, string? name, Action<T> patch)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(patch);
        var entity = KubernetesTypes.EntityOf(typeof(T));
        patches.Add(new ObjectPatch(app, entity.Kind, name, json =>
        {
            var typed = KubernetesJson.Deserialize<T>(json.ToJsonString());
            patch(typed);
            return KubernetesTypes.ToJson(typed);
        }));
    }

    /// <summary>Mutates the plain JSON of objects of any kind, e.g. custom resources, selected by app, kind and name.</summary>
    public void PatchJson(string? app, string kind, string? name, Action<JsonObject> patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        patches.Add(new ObjectPatch(app, kind, name, json =>
        {
            patch(json);
            return json;
        }));
    }
}

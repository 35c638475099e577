namespace GitOps.Dsl;

/// <summary>
/// An object of any kind, typically a custom resource, given as apiVersion, kind, metadata and a nested map.
/// It renders exactly as given; only the environment namespace is filled in when the object sets none.
/// Map values may be strings, numbers, booleans, nested dictionaries and lists.
/// </summary>
/// <param name="apiVersion">E.g. <c>cert-manager.io/v1</c>.</param>
/// <param name="kind">E.g. <c>Certificate</c>.</param>
/// <param name="name">The object name.</param>
public sealed class CustomObject(string apiVersion, string kind, string name)
{
    /// <summary>The object's apiVersion.</summary>
    public string ApiVersion { get; } = apiVersion;

    /// <summary>The object's kind.</summary>
    public string Kind { get; } = kind;

    /// <summary>The object name.</summary>
    public string Name { get; } = name;

    /// <summary>The namespace; null for the environment's (or for cluster-scoped kinds, set <see cref="ClusterScoped"/>).</summary>
    public string? Namespace { get; set; }

    /// <summary>True for cluster-scoped kinds, which never get a namespace.</summary>
    public bool ClusterScoped { get; set; }

    /// <summary>Labels on the object.</summary>
    public IDictionary<string, string> Labels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Annotations on the object.</summary>
    public IDictionary<string, string> Annotations { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The <c>spec</c> map; null leaves <c>spec</c> out.</summary>
    public IDictionary<string, object?>? Spec { get; set; }

    /// <summary>Other top-level fields (e.g. <c>data</c>, <c>rules</c>).</summary>
    public IDictionary<string, object?> Fields { get; } = new SortedDictionary<string, object?>(StringComparer.Ordinal);
}

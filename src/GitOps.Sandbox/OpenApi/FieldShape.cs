namespace GitOps.Sandbox.OpenApi;

/// <summary>What kind of value a schema describes, as far as field checks and merges care.</summary>
internal enum ShapeKind
{
    /// <summary>A string, number, boolean or int-or-string: no fields below it.</summary>
    Scalar,

    /// <summary>An object with a fixed set of named fields.</summary>
    Object,

    /// <summary>An array whose items all share <see cref="FieldShape.Element"/>.</summary>
    Array,

    /// <summary>An object with arbitrary keys whose values share <see cref="FieldShape.Element"/>.</summary>
    Map,

    /// <summary>Anything goes (<c>x-kubernetes-preserve-unknown-fields</c>, raw JSON).</summary>
    Any,
}

/// <summary>
/// The structure of one schema, reduced to what unknown-field detection and list merging need.
/// Shapes form a graph (types refer to themselves, e.g. JSONSchemaProps) and are immutable once built.
/// </summary>
internal sealed class FieldShape(ShapeKind kind)
{
    public static readonly FieldShape Scalar = new(ShapeKind.Scalar);
    public static readonly FieldShape Any = new(ShapeKind.Any);

    public ShapeKind Kind { get; } = kind;

    /// <summary>Named fields of an <see cref="ShapeKind.Object"/>.</summary>
    public Dictionary<string, FieldShape> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>Item shape of an array, value shape of a map.</summary>
    public FieldShape? Element { get; set; }

    /// <summary>How an array merges (<c>x-kubernetes-list-type</c> and friends); null when atomic by default.</summary>
    public ListSemantics? List { get; set; }

    /// <summary>An object that also keeps fields it does not declare.</summary>
    public bool PreservesUnknownFields { get; set; }

    /// <summary>An <c>x-kubernetes-embedded-resource</c>: apiVersion, kind and metadata are implied.</summary>
    public bool EmbeddedResource { get; set; }
}

/// <summary>The merge semantics Kubernetes attaches to a list field.</summary>
/// <param name="ListType"><c>atomic</c>, <c>set</c> or <c>map</c>.</param>
/// <param name="MapKeys">For <c>map</c> lists, the fields that identify an item.</param>
/// <param name="PatchMergeKey">The strategic-merge-patch key, when the list merges per item.</param>
/// <param name="PatchStrategy">The strategic-merge-patch strategy, e.g. <c>merge</c> or <c>merge,retainKeys</c>.</param>
internal sealed record ListSemantics(string ListType, IReadOnlyList<string> MapKeys, string? PatchMergeKey, string? PatchStrategy);

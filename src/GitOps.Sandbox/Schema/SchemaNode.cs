namespace GitOps.Sandbox.Schema;

internal enum SchemaKind
{
    /// <summary>No schema known: objects are granular maps, lists atomic (what SSA deduces).</summary>
    Untyped,
    Scalar,
    Struct,
    Map,
    List,
}

internal enum ListType
{
    Atomic,
    Map,
    Set,
}

/// <summary>
/// The merge-relevant shape of a field: what server-side apply and strategic merge patch need to know
/// (list type and keys, atomic structs and maps, patch strategies), nothing about validation.
/// </summary>
internal sealed class SchemaNode
{
    private readonly Lazy<IReadOnlyDictionary<string, SchemaNode>>? fields;

    private SchemaNode(SchemaKind kind, Lazy<IReadOnlyDictionary<string, SchemaNode>>? fields = null)
    {
        Kind = kind;
        this.fields = fields;
    }

    public static SchemaNode Untyped { get; } = new(SchemaKind.Untyped);

    public static SchemaNode Scalar { get; } = new(SchemaKind.Scalar);

    public SchemaKind Kind { get; }

    /// <summary>Struct or map replaced as a whole (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public bool Atomic { get; private init; }

    public SchemaNode? Element { get; private init; }

    public ListType ListType { get; private init; }

    public IReadOnlyList<string> ListKeys { get; private init; } = [];

    /// <summary>Strategic merge patch merge key (<c>x-kubernetes-patch-merge-key</c>).</summary>
    public string? PatchMergeKey { get; private init; }

    /// <summary>Strategic merge patch strategy (<c>merge</c>, <c>retainKeys</c>, <c>merge,retainKeys</c>).</summary>
    public string? PatchStrategy { get; private init; }

    public bool IsObjectLike => Kind is SchemaKind.Struct or SchemaKind.Map or SchemaKind.Untyped;

    public static SchemaNode Struct(Func<IReadOnlyDictionary<string, SchemaNode>> fieldFactory, bool atomic) =>
        new(SchemaKind.Struct, new Lazy<IReadOnlyDictionary<string, SchemaNode>>(fieldFactory)) { Atomic = atomic };

    public static SchemaNode Map(SchemaNode element, bool atomic) => new(SchemaKind.Map) { Element = element, Atomic = atomic };

    public static SchemaNode List(SchemaNode element, ListType listType, IReadOnlyList<string> keys, string? mergeKey, string? strategy) =>
        new(SchemaKind.List) { Element = element, ListType = listType, ListKeys = keys, PatchMergeKey = mergeKey, PatchStrategy = strategy };

    /// <summary>A struct field carrying a patch strategy of its own (e.g. <c>retainKeys</c> on a Deployment's strategy).</summary>
    public SchemaNode WithPatchStrategy(string strategy) =>
        new(Kind, fields) { Atomic = Atomic, Element = Element, ListType = ListType, ListKeys = ListKeys, PatchMergeKey = PatchMergeKey, PatchStrategy = strategy };

    public IReadOnlyDictionary<string, SchemaNode> Fields => fields?.Value ?? EmptyFields;

    /// <summary>The schema of a named child of an object-like node; unknown names are untyped.</summary>
    public SchemaNode Child(string name) => Kind switch
    {
        SchemaKind.Struct => Fields.TryGetValue(name, out var field) ? field : Untyped,
        SchemaKind.Map => Element ?? Untyped,
        _ => Untyped,
    };

    public bool HasField(string name) => Kind == SchemaKind.Struct && Fields.ContainsKey(name);

    public SchemaNode ItemSchema => Element ?? Untyped;

    private static readonly IReadOnlyDictionary<string, SchemaNode> EmptyFields = new Dictionary<string, SchemaNode>();
}

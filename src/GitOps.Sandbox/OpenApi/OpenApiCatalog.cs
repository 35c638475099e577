using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// The sandbox's OpenAPI: documents for <c>/openapi/v2</c> and <c>/openapi/v3</c> describing the built-in kinds
/// and registered CRDs, and the field checks behind <c>fieldValidation</c>. Thread-safe; documents are built
/// on first request and rebuilt only after CRDs change.
/// </summary>
internal sealed class OpenApiCatalog
{
    private readonly BuiltInApi builtIns = BuiltInApi.Instance;
    private readonly Lock gate = new();
    private ImmutableSortedDictionary<string, CrdApi> crds = ImmutableSortedDictionary.Create<string, CrdApi>(StringComparer.Ordinal);
    private ImmutableDictionary<(string ApiVersion, string Kind), FieldShape> crdShapes = ImmutableDictionary<(string, string), FieldShape>.Empty;
    private Documents? documents;

    public OpenApiCatalog()
    {
    }

    /// <summary>Adds (or replaces) a CustomResourceDefinition's served versions.</summary>
    /// <exception cref="ArgumentException">The CRD lacks a name, group, kind or plural.</exception>
    public void RegisterCrd(JsonObject crd)
    {
        var api = CrdApi.From(crd, builtIns);
        lock (gate)
        {
            crds = crds.SetItem(api.Name, api);
            Changed();
        }
    }

    /// <summary>Removes a CustomResourceDefinition by its name (<c>crontabs.stable.example.com</c>).</summary>
    public void UnregisterCrd(string crdName)
    {
        lock (gate)
        {
            if (crds.ContainsKey(crdName))
            {
                crds = crds.Remove(crdName);
                Changed();
            }
        }
    }

    /// <summary>The Swagger 2.0 document, as JSON.</summary>
    public byte[] V2Document() => Current().V2.Value.Json;

    /// <summary>The Swagger 2.0 document as gnostic protobuf, which is what client-go requests.</summary>
    public byte[] V2DocumentProtobuf() => Current().V2.Value.Protobuf;

    /// <summary>The OpenAPI v3 index: every group-version with the URL (including content hash) of its document.</summary>
    public byte[] V3Index() => Current().V3.Value.Index;

    /// <summary>One group-version's OpenAPI v3 document (<c>api/v1</c>, <c>apis/apps/v1</c>); null when none is served.</summary>
    public byte[]? V3GroupVersion(string relativePath) =>
        Current().V3.Value.ByPath.GetValueOrDefault(relativePath.Trim('/'));

    /// <summary>
    /// Paths of the fields in <paramref name="obj"/> that its kind's schema does not declare (<c>.spec.replicass</c>,
    /// <c>.spec.template.spec.containers[0].imagee</c>); empty for kinds the catalog does not know.
    /// </summary>
    public IReadOnlyList<string> FindUnknownFields(string apiVersion, string kind, JsonObject obj) =>
        FindUnknownFields(apiVersion, kind, obj, FieldPathStyle.Index);

    /// <summary>As <see cref="FindUnknownFields(string, string, JsonObject)"/>, with paths in the chosen style.</summary>
    public IReadOnlyList<string> FindUnknownFields(string apiVersion, string kind, JsonObject obj, FieldPathStyle style) =>
        ShapeOf(apiVersion, kind) is { } shape ? UnknownFieldFinder.Find(shape, obj, style) : [];

    /// <summary>Whether the catalog has a schema for the kind.</summary>
    public bool Knows(string apiVersion, string kind) => ShapeOf(apiVersion, kind) is not null;

    /// <summary>
    /// How the list at <paramref name="fieldPath"/> (<c>.spec.template.spec.containers</c>) of a kind merges, for
    /// built-in kinds and CRDs alike; null when the path is not a list or the list is atomic by default.
    /// </summary>
    public ListSemantics? ListSemanticsAt(string apiVersion, string kind, string fieldPath) =>
        ShapeOf(apiVersion, kind) is { } shape ? ShapeNavigator.At(shape, fieldPath)?.List : null;

    private FieldShape? ShapeOf(string apiVersion, string kind) =>
        crdShapes.GetValueOrDefault((apiVersion, kind)) ?? builtIns.ShapesByKind.GetValueOrDefault((apiVersion, kind));

    private void Changed()
    {
        crdShapes = crds.Values.SelectMany(api => api.ShapesByKind)
            .Aggregate(ImmutableDictionary<(string, string), FieldShape>.Empty, (all, pair) => all.SetItem(pair.Key, pair.Value));
        documents = null;
    }

    private Documents Current()
    {
        lock (gate)
        {
            return documents ??= new Documents(builtIns, [.. crds.Values]);
        }
    }

    /// <summary>The documents for one set of CRDs; each is built the first time it is asked for.</summary>
    private sealed class Documents(BuiltInApi builtIns, IReadOnlyList<CrdApi> crds)
    {
        private static readonly Lazy<Dictionary<string, byte[]>> BuiltInV3 = new(() => BuildV3(BuiltInApi.Instance, []));

        public Lazy<(byte[] Json, byte[] Protobuf)> V2 { get; } = new(() =>
        {
            var document = OpenApiV2Document.Build(AllKinds(builtIns, crds), SchemaLookup(builtIns, crds));
            return (Serialize(document), OpenApiV2Protobuf.Encode(document));
        });

        public Lazy<(byte[] Index, IReadOnlyDictionary<string, byte[]> ByPath)> V3 { get; } = new(() => IndexOf(builtIns, crds));

        private static (byte[], IReadOnlyDictionary<string, byte[]>) IndexOf(BuiltInApi builtIns, IReadOnlyList<CrdApi> crds)
        {
            var byPath = new SortedDictionary<string, byte[]>(BuiltInV3.Value, StringComparer.Ordinal);
            foreach (var (path, document) in BuildV3(builtIns, crds))
            {
                byPath[path] = document;
            }

            var paths = new JsonObject();
            foreach (var (path, document) in byPath)
            {
                paths[path] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{path}?hash={Convert.ToHexString(SHA512.HashData(document))}" };
            }

            return (Serialize(new JsonObject { ["paths"] = paths }), byPath);
        }

        /// <summary>Documents for the group-versions CRDs serve; with no CRDs, for the built-in ones.</summary>
        private static Dictionary<string, byte[]> BuildV3(BuiltInApi builtIns, IReadOnlyList<CrdApi> crds)
        {
            var crdPaths = crds.SelectMany(api => api.Kinds).Select(kind => kind.GroupVersionPath).ToHashSet(StringComparer.Ordinal);
            var lookup = SchemaLookup(builtIns, crds);
            return AllKinds(builtIns, crds)
                .GroupBy(kind => kind.GroupVersionPath, StringComparer.Ordinal)
                .Where(group => crds.Count == 0 || crdPaths.Contains(group.Key))
                .ToDictionary(group => group.Key, group => Serialize(OpenApiV3Document.Build([.. group], lookup)), StringComparer.Ordinal);
        }

        private static List<ApiKind> AllKinds(BuiltInApi builtIns, IReadOnlyList<CrdApi> crds) =>
            [.. builtIns.Kinds, .. crds.SelectMany(api => api.Kinds)];

        private static Func<string, JsonObject?> SchemaLookup(BuiltInApi builtIns, IReadOnlyList<CrdApi> crds) =>
            name => crds.Select(api => api.Schemas.GetValueOrDefault(name)).FirstOrDefault(schema => schema is not null)
                ?? builtIns.Schemas.GetValueOrDefault(name);

        private static byte[] Serialize(JsonObject document) => JsonSerializer.SerializeToUtf8Bytes(document);
    }
}

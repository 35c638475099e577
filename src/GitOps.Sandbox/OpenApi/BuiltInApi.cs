using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>The built-in kinds: generated once per process, never changed afterwards.</summary>
internal sealed class BuiltInApi
{
    private static readonly Lazy<BuiltInApi> Shared = new(() => new BuiltInApi(), LazyThreadSafetyMode.ExecutionAndPublication);

    private BuiltInApi()
    {
        (Schemas, Kinds) = ModelSchemaGenerator.Generate();
        var shapes = new SchemaShapeBuilder(name => Schemas.GetValueOrDefault(name));
        ShapesByKind = Kinds.ToDictionary(kind => (kind.ApiVersion, kind.Kind), kind => shapes.ForDefinition(kind.Definition));
        ObjectMetaShape = shapes.ForDefinition(ModelDefinitionNames.ObjectMeta);
    }

    public static BuiltInApi Instance => Shared.Value;

    /// <summary>Every definition, in OpenAPI v3 form (references point at <c>#/components/schemas/</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> Schemas { get; }

    public IReadOnlyList<ApiKind> Kinds { get; }

    public IReadOnlyDictionary<(string ApiVersion, string Kind), FieldShape> ShapesByKind { get; }

    public FieldShape ObjectMetaShape { get; }
}

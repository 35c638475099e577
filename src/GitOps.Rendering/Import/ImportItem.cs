using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>How an imported object is written.</summary>
internal enum ItemForm
{
    /// <summary>A typed <c>k8s.Models</c> initializer.</summary>
    Typed,

    /// <summary>A <c>ConfigMapGenerator</c> or <c>SecretGenerator</c> whose content hash matches the name suffix.</summary>
    Generator,

    /// <summary>A <c>CustomObject</c>, rendered exactly as given.</summary>
    Untyped,
}

/// <summary>One object of one environment on its way to C#: the manifest the script must yield before overlays.</summary>
internal sealed class ImportItem(SourceObject source, string app)
{
    public SourceObject Source { get; } = source;

    public string App { get; set; } = app;

    /// <summary>The object as the script yields it: namespace, name prefix/suffix, hash and env labels taken out.</summary>
    public JsonObject Manifest { get; set; } = (JsonObject)source.Manifest.DeepClone();

    public ItemForm Form { get; set; }

    public Type? ModelType { get; set; }

    /// <summary>Why the object is untyped, for the report.</summary>
    public string? UntypedReason { get; set; }

    /// <summary>True for kinds the DSL never puts in a namespace or renames.</summary>
    public bool ClusterScoped { get; set; }

    public string Kind => Source.Kind;

    public string ApiVersion => Source.ApiVersion;

    public string Name => (string?)Manifest["metadata"]?["name"] ?? "";

    /// <summary>Typed objects and generators get the environment's overlays; untyped ones are rendered as given.</summary>
    public bool IsOverlaid => Form != ItemForm.Untyped;

    public JsonObject Metadata => (JsonObject)Manifest["metadata"]!;

    public string Key => $"{App}|{ApiVersion}|{Kind}|{Name}";
}

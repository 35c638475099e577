using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>Where an object came from decides which overlays touch it.</summary>
internal enum ObjectOrigin
{
    /// <summary>A typed model from a component or the script: every overlay applies.</summary>
    Typed,

    /// <summary>A ConfigMap or Secret from a generator: every overlay applies, and its name gets a content hash.</summary>
    Generated,

    /// <summary>A <see cref="CustomObject"/> or an included YAML file: rendered as given, only the namespace filled in.</summary>
    Verbatim,
}

/// <summary>An object on its way through the overlay pipeline.</summary>
internal sealed class WorkItem(AppDefinition app, JsonObject manifest, ObjectOrigin origin)
{
    public AppDefinition App { get; } = app;

    public JsonObject Manifest { get; set; } = manifest;

    public ObjectOrigin Origin { get; } = origin;

    public bool AllowsLiteralSecretData { get; init; }

    public bool ClusterScoped { get; init; }

    public bool HashSuffix { get; init; }

    /// <summary>The name the script gave, before hash, prefix and suffix: what the standard name label shows.</summary>
    public string? OriginalName { get; set; }

    public string Kind => (string?)Manifest["kind"] ?? "";

    public string Name => (string?)Manifest["metadata"]?["name"] ?? "";

    public JsonObject Metadata => Manifest["metadata"] as JsonObject ?? (JsonObject)(Manifest["metadata"] = new JsonObject());

    public bool IsOverlaid => Origin != ObjectOrigin.Verbatim;

    public JsonObject Map(string field) =>
        Metadata[field] as JsonObject ?? (JsonObject)(Metadata[field] = new JsonObject());
}

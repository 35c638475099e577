using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>A step on the way into a JSON tree: a map key, a list item found by its name, or a list index.</summary>
internal abstract record PathSegment
{
    public sealed record Key(string Name) : PathSegment;

    /// <summary>A list item by its <c>name</c>, or by <c>metadata.name</c> (claim templates) when <paramref name="InMetadata"/>.</summary>
    public sealed record Named(string Name, bool InMetadata = false) : PathSegment;

    public sealed record Index(int Position) : PathSegment;
}

/// <summary>One change an environment makes to the shared object: set a value (or remove it when null).</summary>
internal sealed record PatchOperation(IReadOnlyList<PathSegment> Path, JsonNode? Value);

/// <summary>The changes one environment makes to one object, written as a typed or JSON patch.</summary>
internal sealed record ObjectPatchPlan(string App, string Kind, string Name, Type? ModelType, IReadOnlyList<PatchOperation> Operations);

/// <summary>An object as an app yields it, in the environments listed (all when <see cref="Environments"/> is null).</summary>
internal sealed record PlannedObject(ImportItem Item, JsonObject Manifest, IReadOnlyList<string>? Environments, bool MarkClusterScoped);

/// <summary>An app and its objects; <see cref="StandardLabels"/> when the DSL adds the app.kubernetes.io labels.</summary>
internal sealed record AppPlan(string Name, IReadOnlyList<PlannedObject> Objects, bool StandardLabels = false);

/// <summary>One environment's overlay.</summary>
internal sealed class EnvironmentPlan(string name)
{
    public string Name { get; } = name;

    public string? Namespace { get; set; }

    public string NamePrefix { get; set; } = "";

    public string NameSuffix { get; set; } = "";

    public SortedDictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string> Annotations { get; } = new(StringComparer.Ordinal);

    /// <summary>Image name to the tag (or <c>@digest</c>) that replaces it.</summary>
    public SortedDictionary<string, string> Images { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> Replicas { get; } = new(StringComparer.Ordinal);

    public List<ObjectPatchPlan> Patches { get; } = [];
}

/// <summary>Everything the writer needs: apps with their objects, environments with their overlays, and notes.</summary>
internal sealed record ImportPlan(IReadOnlyList<string> Environments, IReadOnlyList<AppPlan> Apps, IReadOnlyList<EnvironmentPlan> Overlays, IReadOnlyList<string> Notes);

using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>One object of an environment, as plain JSON with Kubernetes' field names, and where it came from.</summary>
/// <param name="App">The app that yields it.</param>
/// <param name="Manifest">The object.</param>
/// <param name="Source">Where the app is declared.</param>
public sealed record RenderedObject(string App, JsonObject Manifest, SourceLocation Source)
{
    /// <summary>True when the script opted in to literal Secret data for this object.</summary>
    public bool AllowsLiteralSecretData { get; init; }

    /// <summary>The object's kind.</summary>
    public string Kind => (string?)Manifest["kind"] ?? "";

    /// <summary>The object's name.</summary>
    public string Name => (string?)Manifest["metadata"]?["name"] ?? "";

    /// <summary>The object's namespace, empty for cluster-scoped objects.</summary>
    public string Namespace => (string?)Manifest["metadata"]?["namespace"] ?? "";
}

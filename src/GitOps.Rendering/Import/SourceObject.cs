using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>One Kubernetes object read from an input file.</summary>
/// <param name="Manifest">The object as plain JSON, values typed the way kubectl reads the YAML.</param>
/// <param name="File">The file it came from, as given or found.</param>
/// <param name="Document">The 1-based document index in that file.</param>
/// <param name="Folder">The folder under the input root that holds the file ("" for the root itself).</param>
internal sealed record SourceObject(JsonObject Manifest, string File, int Document, string Folder)
{
    public string Kind => (string?)Manifest["kind"] ?? "";

    public string ApiVersion => (string?)Manifest["apiVersion"] ?? "";

    public string Name => (string?)Manifest["metadata"]?["name"] ?? "";

    public string Where => $"{File} (document {Document}, {Kind} {Name})";
}

using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Manifests;

/// <summary>One object as written in the rendered branch, with where it came from for error messages.</summary>
internal sealed class ManifestObject(JsonObject body, string file, int line)
{
    public JsonObject Body { get; } = body;

    public string File { get; } = file;

    public int Line { get; } = line;

    public string Location => $"{File}:{Line}";

    public string ApiVersion => (string)Body["apiVersion"]!;

    public string Kind => (string)Body["kind"]!;

    public string Name => (string)Body["metadata"]!["name"]!;

    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public string Version => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[(ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : ApiVersion;

    public string? Namespace => Body["metadata"]?["namespace"]?.GetValue<string>() is { Length: > 0 } ns ? ns : null;

    public string? Annotation(string key) => Body["metadata"]?["annotations"]?[key]?.GetValue<string>();

    public ObjectRef Ref => new(Group, Kind, Namespace, Name);
}

using System.Text.Json.Nodes;
using GitOps.Rendering.Git;

namespace GitOps.Rendering.Diff;

/// <summary>An object file of a rendered tree, read back: where it lies and which object it is.</summary>
internal sealed record RenderedObjectFile(string Environment, string App, string Path, string Text, JsonObject Manifest)
{
    public string Kind => (string?)Manifest["kind"] ?? "";

    public string Group
    {
        get
        {
            var apiVersion = (string?)Manifest["apiVersion"] ?? "";
            var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
            return slash < 0 ? "" : apiVersion[..slash];
        }
    }

    public string Name => (string?)Manifest["metadata"]?["name"] ?? "";

    public string Namespace => (string?)Manifest["metadata"]?["namespace"] ?? "";

    public static IReadOnlyList<RenderedObjectFile> Read(IEnumerable<RenderedFile> files, string environment) =>
        files.Where(file => RenderedLayout.IsObjectFile(file.Path) && RenderedLayout.EnvironmentOf(file.Path) == environment)
            .OrderBy(file => file.Path, StringComparer.Ordinal)
            .Select(file => new RenderedObjectFile(environment, RenderedLayout.AppOf(file.Path), file.Path, file.Content, ObjectYaml.Parse(file.Content, file.Path)))
            .ToList();
}

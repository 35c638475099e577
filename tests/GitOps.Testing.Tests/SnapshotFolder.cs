using GitOps.Rendering.Git;

namespace GitOps.Testing.Tests;

/// <summary>A temp folder for snapshots and helpers to render fake environments into it.</summary>
internal sealed class SnapshotFolder : IDisposable
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gitops-snapshots-" + Guid.NewGuid().ToString("N")[..12]);

    public SnapshotOptions Options => new() { SnapshotDirectory = Root, Accept = false };

    public static RenderedFile Deployment(string app, string name, int replicas) =>
        new($"dev/{app}/deployment_{name}.yaml", $"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\nspec:\n  replicas: {replicas}\n");

    public static RenderedFile[] Environment(params RenderedFile[] objects) =>
        [.. objects, new RenderedFile("dev/render.json", "{}\n"), new RenderedFile("dev/README.md", "# dev\n")];

    public string PathOf(string relative) => System.IO.Path.Combine(Root, relative);

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public Task VerifyAsync(IEnumerable<RenderedFile> files, SnapshotOptions? options = null) =>
        RenderSnapshot.VerifyFilesAsync("dev", files, options ?? Options, "");

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}

namespace GitOps.Rendering.Tests.EndToEnd;

public sealed class RenderFolderTests
{
    [Fact]
    public void Out_writes_the_same_tree_the_branch_gets()
    {
        using var repo = RenderBranchTests.Repo();
        var output = repo.Root + "-out";
        try
        {
            RenderBranchTests.Render(repo);
            RenderBranchTests.Render(repo, s => s with { OutputDirectory = output });

            var branchFiles = repo.Git("ls-tree", "-r", "--name-only", "rendered").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var folderFiles = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
                .Select(path => Path.GetRelativePath(output, path).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(branchFiles, folderFiles);
            foreach (var file in branchFiles)
            {
                Assert.Equal(repo.Git("show", $"rendered:{file}"), File.ReadAllText(Path.Combine(output, file)));
            }
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public void Out_works_outside_git_and_replaces_stale_files()
    {
        using var repo = new TempRepo()
            .Write("gitops.csx", "App(\"shop\", env => new Worker(\"queue\") { Image = \"acme/queue:2.0\" });\n")
            .Write("environments/dev.csx", "Environment(\"dev\", e => e.Namespace = \"dev\");\n");
        var output = repo.Root + "-out";
        try
        {
            Directory.CreateDirectory(Path.Combine(output, "dev", "old"));
            File.WriteAllText(Path.Combine(output, "dev", "old", "deployment_gone.yaml"), "stale\n");
            File.WriteAllText(Path.Combine(output, "keep.txt"), "not ours\n");

            RenderBranchTests.Render(repo, s => s with { OutputDirectory = output });

            Assert.True(File.Exists(Path.Combine(output, "dev", "shop", "deployment_queue.yaml")));
            Assert.False(Directory.Exists(Path.Combine(output, "dev", "old")));
            Assert.True(File.Exists(Path.Combine(output, "keep.txt")));
            Assert.Contains("\"sourceCommit\": null", File.ReadAllText(Path.Combine(output, "dev", "render.json")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}

using System.Text.RegularExpressions;

namespace GitOps.Testing.Tests;

public sealed class SnapshotVerificationTests
{
    private const string Web = "shop/deployment_web";

    [Fact]
    public async Task Matching_snapshots_pass_and_bookkeeping_files_are_not_snapshotted()
    {
        using var folder = new SnapshotFolder();
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));
        folder.Write(Web + ".verified.yaml", rendered[0].Content);

        await folder.VerifyAsync(rendered);

        Assert.Equal([Web + ".verified.yaml"], Directory.EnumerateFiles(folder.Root, "*", SearchOption.AllDirectories).Select(p => Path.GetRelativePath(folder.Root, p)));
    }

    [Fact]
    public async Task A_mismatch_fails_with_a_unified_diff_and_writes_the_received_file()
    {
        using var folder = new SnapshotFolder();
        folder.Write(Web + ".verified.yaml", SnapshotFolder.Deployment("shop", "web", 2).Content);
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 3));

        var error = await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(rendered));

        Assert.Contains("changed:  shop/deployment_web.yaml", error.Message);
        Assert.Contains("\n-  replicas: 2\n+  replicas: 3\n", error.Message);
        Assert.Contains("snapshots accept", error.Message);
        Assert.Equal(rendered[0].Content, folder.Read(Web + ".received.yaml"));
        Assert.Contains("replicas: 2", folder.Read(Web + ".verified.yaml"));
    }

    [Fact]
    public async Task A_missing_snapshot_fails_and_is_written_as_received_never_as_verified()
    {
        using var folder = new SnapshotFolder();
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));

        var error = await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(rendered));

        Assert.Contains("missing:  shop/deployment_web.yaml", error.Message);
        Assert.False(folder.Exists(Web + ".verified.yaml"));
        Assert.Equal(rendered[0].Content, folder.Read(Web + ".received.yaml"));
    }

    [Fact]
    public async Task A_dangling_snapshot_fails()
    {
        using var folder = new SnapshotFolder();
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));
        folder.Write(Web + ".verified.yaml", rendered[0].Content);
        folder.Write("shop/deployment_old.verified.yaml", SnapshotFolder.Deployment("shop", "old", 1).Content);

        var error = await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(rendered));

        Assert.Contains("dangling: shop/deployment_old.yaml", error.Message);
        Assert.DoesNotContain("deployment_web", error.Message);
        Assert.Equal("", folder.Read("shop/deployment_old.received.yaml"));
    }

    [Fact]
    public async Task A_corrupt_snapshot_fails_naming_the_file_and_line()
    {
        using var folder = new SnapshotFolder();
        folder.Write(Web + ".verified.yaml", "kind: Deployment\nspec: [unclosed\n");
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));

        var error = await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(rendered));

        Assert.Contains("corrupt:  shop/deployment_web.yaml", error.Message);
        Assert.Matches(@"deployment_web\.verified\.yaml\(\d+,\d+\): not valid YAML", error.Message);
    }

    [Fact]
    public async Task Accepting_received_files_makes_the_next_run_pass_and_removes_dangling_snapshots()
    {
        using var folder = new SnapshotFolder();
        folder.Write(Web + ".verified.yaml", SnapshotFolder.Deployment("shop", "web", 2).Content);
        folder.Write("shop/deployment_old.verified.yaml", SnapshotFolder.Deployment("shop", "old", 1).Content);
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 3), SnapshotFolder.Deployment("cache", "redis", 1));
        await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(rendered));

        var accepted = SnapshotFiles.AcceptAll(folder.Root);

        Assert.Equal(["cache/deployment_redis.verified.yaml", "shop/deployment_old.verified.yaml", "shop/deployment_web.verified.yaml"], accepted);
        Assert.False(folder.Exists("shop/deployment_old.verified.yaml"));
        Assert.Empty(Directory.EnumerateFiles(folder.Root, "*.received.yaml", SearchOption.AllDirectories));
        await folder.VerifyAsync(rendered);
    }

    [Fact]
    public async Task Accept_mode_writes_verified_files_and_deletes_dangling_ones_without_failing()
    {
        using var folder = new SnapshotFolder();
        folder.Write("shop/deployment_old.verified.yaml", SnapshotFolder.Deployment("shop", "old", 1).Content);
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));

        await folder.VerifyAsync(rendered, new SnapshotOptions { SnapshotDirectory = folder.Root, Accept = true });

        Assert.Equal(rendered[0].Content, folder.Read(Web + ".verified.yaml"));
        Assert.False(folder.Exists("shop/deployment_old.verified.yaml"));
        await folder.VerifyAsync(rendered);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("true", true)]
    [InlineData("0", false)]
    [InlineData(null, false)]
    public void The_accept_variable_turns_accept_mode_on(string? value, bool accepts)
    {
        var options = new SnapshotOptions();

        Assert.Equal(accepts, options.AcceptsChanges(name => name == SnapshotOptions.AcceptVariable ? value : null));
    }

    [Fact]
    public async Task Scrubbers_hide_values_the_test_does_not_care_about()
    {
        using var folder = new SnapshotFolder();
        var options = folder.Options.Scrub(new Regex(@"replicas: \d+"), "replicas: <scrubbed>");
        folder.Write(Web + ".verified.yaml", SnapshotFolder.Deployment("shop", "web", 2).Content.Replace("replicas: 2", "replicas: <scrubbed>"));

        await folder.VerifyAsync(SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 7)), options);
        await Assert.ThrowsAsync<SnapshotMismatchException>(() => folder.VerifyAsync(SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 7))));
    }

    [Fact]
    public async Task A_stale_received_file_is_removed_once_the_snapshot_matches()
    {
        using var folder = new SnapshotFolder();
        var rendered = SnapshotFolder.Environment(SnapshotFolder.Deployment("shop", "web", 2));
        folder.Write(Web + ".verified.yaml", rendered[0].Content);
        folder.Write(Web + ".received.yaml", "old");

        await folder.VerifyAsync(rendered);

        Assert.False(folder.Exists(Web + ".received.yaml"));
    }

    [Fact]
    public void The_default_folder_is_snapshots_per_environment_beside_the_test_file()
    {
        Assert.Equal(Path.Combine("/src/tests", "snapshots", "prod"), RenderSnapshot.DefaultDirectory("/src/tests/ProdTests.cs", "prod"));
    }
}

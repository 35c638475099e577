using GitOps.Reconciler.Tests.Support;
using GitOps.Reconciler.WriteBack;

namespace GitOps.Reconciler.Tests.Status;

/// <summary>
/// One-shot runs with write-back push the agent's note under refs/notes/gitops on the rendered commit (what
/// `gitops history` and `gitops status --repo` read), naming the cluster as the status does.
/// </summary>
public sealed class OneShotWriteBackTests
{
    private static DeploymentNote NoteOn(SandboxCluster cluster, string commit) =>
        Assert.Single(DeploymentNote.ParseAll(Git.Run(cluster.Repo.BarePath, "notes", "--ref=gitops", "show", commit)));

    private static bool HasNotes(SandboxCluster cluster) =>
        Git.Run(cluster.Repo.BarePath, "for-each-ref", DeploymentNote.NotesRef).Length > 0;

    [Fact]
    public async Task An_applied_run_notes_healthy_on_the_named_cluster_and_a_failed_one_notes_why_under_the_name_the_status_keeps()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var withoutWriteBack = HasNotes(cluster);
        var good = cluster.Repo.Write("prod/b.yaml", Yaml.ConfigMap("default", "b")).Commit();
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var applied = await cluster.ReconcileAsync(clusterName: "eu-1", writeBack: true);
        var bad = cluster.Repo.Write("prod/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n").Commit();
        var failed = await cluster.ReconcileAsync(writeBack: true);

        Assert.False(withoutWriteBack);
        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors));
        Assert.Empty(applied.Warnings);
        var healthy = NoteOn(cluster, good);
        Assert.Equal(("eu-1", "prod", DeploymentNote.Healthy, (string?)null), (healthy.Cluster, healthy.Path, healthy.Outcome, healthy.Reason));
        Assert.InRange(healthy.At, before, DateTimeOffset.UtcNow);
        Assert.False(failed.Succeeded);
        Assert.Empty(failed.Warnings);
        var unhealthy = NoteOn(cluster, bad);
        Assert.Equal(("eu-1", "not healthy", "prod/bad.yaml:1: ConfigMap has no metadata.name"), (unhealthy.Cluster, unhealthy.Outcome, unhealthy.Reason));
    }

    [Fact]
    public async Task A_re_run_that_finds_its_commit_applied_and_changes_nothing_pushes_no_new_note()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var sha = cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "a")).Commit();
        Assert.True((await cluster.ReconcileAsync(writeBack: true)).Succeeded);
        var notesTip = Git.Run(cluster.Repo.BarePath, "rev-parse", DeploymentNote.NotesRef);

        Assert.True((await cluster.ReconcileAsync(writeBack: true)).Succeeded);

        Assert.Equal(notesTip, Git.Run(cluster.Repo.BarePath, "rev-parse", DeploymentNote.NotesRef));
        Assert.Equal("default", NoteOn(cluster, sha).Cluster);
    }
}

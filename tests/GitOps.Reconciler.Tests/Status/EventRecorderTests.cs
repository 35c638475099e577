using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Status;
using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Status;

public sealed class EventRecorderTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(SandboxCluster Cluster, Kubernetes Client, EventRecorder Recorder)> StartAsync()
    {
        var cluster = await SandboxCluster.StartAsync();
        // KubernetesClient reads what the recorder wrote: a second, independent client.
        var client = new Kubernetes(cluster.Server.ClientConfiguration());
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "gitops-system" } }, cancellationToken: Cancel);
        return (cluster, client, new EventRecorder(Api(cluster), "gitops-system", "gitops-prod", "replica-a"));
    }

    private static KubeApi Api(SandboxCluster cluster) => new(KubeConnection.Create(cluster.Server.ClusterConfiguration()), SandboxCluster.TestRetry);

    private static async Task<IList<Corev1Event>> EventsAsync(Kubernetes client, string reason) =>
        (await client.CoreV1.ListNamespacedEventAsync("gitops-system", cancellationToken: Cancel)).Items.Where(e => e.Reason == reason).ToList();

    [Fact]
    public async Task The_same_reason_and_message_again_bumps_count_and_last_timestamp_of_one_event()
    {
        var (cluster, client, recorder) = await StartAsync();
        await using var _ = cluster;
        using var __ = client;

        await recorder.RecordAsync("DriftCorrected", "Deployment shop/web: spec.replicas 7 -> 1", warning: false, Cancel);
        var first = Assert.Single(await EventsAsync(client, "DriftCorrected"));
        await recorder.RecordAsync("DriftCorrected", "Deployment shop/web: spec.replicas 7 -> 1", warning: false, Cancel);
        await recorder.RecordAsync("DriftCorrected", "Deployment shop/web: spec.replicas 7 -> 1", warning: false, Cancel);

        var bumped = Assert.Single(await EventsAsync(client, "DriftCorrected"));
        Assert.Equal(first.Metadata.Name, bumped.Metadata.Name);
        Assert.Equal(3, bumped.Count);
        Assert.Equal(first.FirstTimestamp, bumped.FirstTimestamp);
        Assert.True(bumped.LastTimestamp >= first.LastTimestamp);
        Assert.Equal(("ConfigMap", "gitops-prod"), (bumped.InvolvedObject.Kind, bumped.InvolvedObject.Name));
    }

    [Fact]
    public async Task A_different_message_or_type_is_its_own_event_and_a_new_recorder_continues_the_series()
    {
        var (cluster, client, recorder) = await StartAsync();
        await using var _ = cluster;
        using var __ = client;

        await recorder.RecordAsync("CommitRefused", "abc: signature refused", warning: true, Cancel);
        await recorder.RecordAsync("CommitRefused", "def: signature refused", warning: true, Cancel);
        await recorder.RecordAsync("CommitRefused", "abc: signature refused", warning: false, Cancel);
        Assert.Equal(3, (await EventsAsync(client, "CommitRefused")).Count);

        // As after an agent restart: nothing in memory, the series is found by its name.
        var restarted = new EventRecorder(Api(cluster), "gitops-system", "gitops-prod", "replica-b");
        await restarted.RecordAsync("CommitRefused", "abc: signature refused", warning: true, Cancel);

        var events = await EventsAsync(client, "CommitRefused");
        Assert.Equal(3, events.Count);
        Assert.Equal(2, events.Single(e => e.Type == "Warning" && e.Message == "abc: signature refused").Count);
    }

    [Fact]
    public async Task Many_different_messages_of_one_reason_are_combined_into_one_event_after_the_limit()
    {
        var (cluster, client, recorder) = await StartAsync();
        await using var _ = cluster;
        using var __ = client;

        for (var i = 0; i < EventRecorder.SimilarLimit + 5; i++)
        {
            await recorder.RecordAsync("DriftDetected", $"ConfigMap default/c{i}: data.v 1 -> 2", warning: true, Cancel);
        }

        var events = await EventsAsync(client, "DriftDetected");
        Assert.Equal(EventRecorder.SimilarLimit + 1, events.Count);
        var combined = Assert.Single(events, e => e.Message.StartsWith(EventRecorder.CombinedPrefix, StringComparison.Ordinal));
        Assert.Equal(5, combined.Count);
        Assert.Equal($"{EventRecorder.CombinedPrefix}ConfigMap default/c{EventRecorder.SimilarLimit + 4}: data.v 1 -> 2", combined.Message);
    }
}

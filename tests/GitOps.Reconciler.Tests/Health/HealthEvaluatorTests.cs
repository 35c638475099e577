using System.Text.Json.Nodes;
using GitOps.Reconciler.Health;

namespace GitOps.Reconciler.Tests.Health;

public sealed class HealthEvaluatorTests
{
    private static HealthStatus Evaluate(string group, string kind, string json) =>
        HealthEvaluator.Evaluate(group, kind, JsonNode.Parse(json)!.AsObject());

    [Fact]
    public void A_deployment_past_its_progress_deadline_names_available_replicas_and_the_reason()
    {
        var status = Evaluate("apps", "Deployment", """
            {"metadata":{"generation":2},"spec":{"replicas":3},
             "status":{"observedGeneration":2,"replicas":3,"updatedReplicas":3,"availableReplicas":0,
               "conditions":[{"type":"Available","status":"False","reason":"MinimumReplicasUnavailable"},
                             {"type":"Progressing","status":"False","reason":"ProgressDeadlineExceeded"}]}}
            """);

        Assert.Equal(HealthState.Failed, status.State);
        Assert.Equal("0/3 updated replicas available: ProgressDeadlineExceeded", status.Message);
    }

    [Fact]
    public void A_rolled_out_deployment_is_current_and_a_stale_observed_generation_is_in_progress()
    {
        const string ready = """{"metadata":{"generation":2},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""";
        const string stale = """{"metadata":{"generation":3},"spec":{"replicas":2},"status":{"observedGeneration":2,"replicas":2,"updatedReplicas":2,"availableReplicas":2}}""";

        Assert.Equal(HealthState.Current, Evaluate("apps", "Deployment", ready).State);
        var status = Evaluate("apps", "Deployment", stale);
        Assert.Equal(HealthState.InProgress, status.State);
        Assert.Equal("controller has observed generation 2, not yet 3", status.Message);
    }

    [Fact]
    public void A_deployment_midway_says_how_many_replicas_are_updated()
    {
        var status = Evaluate("apps", "Deployment", """{"metadata":{"generation":1},"spec":{"replicas":3},"status":{"observedGeneration":1,"replicas":3,"updatedReplicas":1,"availableReplicas":1}}""");

        Assert.Equal(new HealthStatus(HealthState.InProgress, "1/3 replicas updated"), status);
    }

    [Fact]
    public void Jobs_pvcs_and_crds_follow_their_conditions_and_phases()
    {
        Assert.Equal(HealthState.Current, Evaluate("batch", "Job", """{"status":{"conditions":[{"type":"Complete","status":"True"}]}}""").State);
        Assert.Equal(HealthState.Failed, Evaluate("batch", "Job", """{"status":{"conditions":[{"type":"Failed","status":"True","reason":"BackoffLimitExceeded"}]}}""").State);
        Assert.Equal(HealthState.InProgress, Evaluate("", "PersistentVolumeClaim", """{"status":{"phase":"Pending"}}""").State);
        Assert.Equal(HealthState.Current, Evaluate("", "PersistentVolumeClaim", """{"status":{"phase":"Bound"}}""").State);
        Assert.Equal(HealthState.InProgress, Evaluate("apiextensions.k8s.io", "CustomResourceDefinition", """{"status":{}}""").State);
        Assert.Equal(HealthState.Current, Evaluate("apiextensions.k8s.io", "CustomResourceDefinition", """{"status":{"conditions":[{"type":"Established","status":"True"}]}}""").State);
    }

    [Fact]
    public void Load_balancer_services_wait_for_an_ingress_and_other_services_do_not()
    {
        Assert.Equal(HealthState.InProgress, Evaluate("", "Service", """{"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{}}}""").State);
        Assert.Equal(HealthState.Current, Evaluate("", "Service", """{"spec":{"type":"LoadBalancer"},"status":{"loadBalancer":{"ingress":[{"ip":"10.0.0.1"}]}}}""").State);
        Assert.Equal(HealthState.Current, Evaluate("", "Service", """{"spec":{"type":"ClusterIP"}}""").State);
    }

    [Fact]
    public void Any_object_with_a_ready_condition_follows_it()
    {
        var status = Evaluate("example.com", "Widget", """{"status":{"conditions":[{"type":"Ready","status":"False","reason":"Provisioning"}]}}""");

        Assert.Equal(new HealthStatus(HealthState.InProgress, "Ready=False: Provisioning"), status);
        Assert.Equal(HealthState.Current, Evaluate("example.com", "Widget", """{"status":{"conditions":[{"type":"Ready","status":"True"}]}}""").State);
        Assert.Equal(HealthState.Current, Evaluate("", "ConfigMap", """{"data":{}}""").State);
    }

    [Fact]
    public void Statefulsets_and_daemonsets_count_ready_and_updated_pods()
    {
        Assert.Equal("1/2 replicas ready", Evaluate("apps", "StatefulSet", """{"spec":{"replicas":2},"status":{"readyReplicas":1,"updatedReplicas":2}}""").Message);
        Assert.Equal(HealthState.Current, Evaluate("apps", "StatefulSet", """{"spec":{"replicas":2},"status":{"readyReplicas":2,"updatedReplicas":2,"currentRevision":"a","updateRevision":"a"}}""").State);
        Assert.Equal("2/3 updated pods available", Evaluate("apps", "DaemonSet", """{"status":{"desiredNumberScheduled":3,"updatedNumberScheduled":3,"numberAvailable":2}}""").Message);
    }
}

using GitOps.Reconciler.Tests.Support;
using k8s;
using k8s.Models;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class DriftTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static async Task<(AgentHarness Harness, GitOps.Reconciler.Agent.GitOpsAgent Agent)> AppliedFrontEndAsync(
        int? replicas, bool selfHeal = true)
    {
        var harness = await AgentHarness.StartAsync();
        harness.Repo.Write("prod/ns.yaml", TestManifests.Namespace("shop")).Write("prod/deploy.yaml", TestManifests.Deployment("shop", "front-end", replicas));
        var commit = harness.Repo.Commit();
        var agent = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { SelfHeal = selfHeal });
        await agent.WaitForAsync(s => s.LastAppliedCommit == commit, TimeSpan.FromSeconds(30));
        return (harness, agent);
    }

    [Fact]
    public async Task Replicas_changed_by_another_manager_are_reset_and_the_correction_names_the_manager_and_values()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 1);
        await using var _ = harness;
        await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":7}}""", V1Patch.PatchType.MergePatch), "front-end", "shop", fieldManager: "kubectl-edit", cancellationToken: Cancel);

        var status = await AgentHarness.CycleAsync(agent);

        Assert.Equal("drift-corrected", status.LastResult);
        Assert.Equal(1, status.DriftCorrections);
        var drift = Assert.Single(status.LastDrift);
        var field = Assert.Single(drift.Fields);
        Assert.Equal(("spec.replicas", "7", "1", "kubectl-edit"), (field.Path, field.LiveValue, field.DesiredValue, field.Manager));
        Assert.Matches("""^Deployment shop/front-end: spec\.replicas 7 -> 1, changed by manager "kubectl-edit" at \d\d:\d\d:\d\d$""", drift.ToString());
        var live = await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);
        Assert.Equal(1, live.Spec.Replicas);
        var events = await harness.Client.CoreV1.ListNamespacedEventAsync("gitops-system", cancellationToken: Cancel);
        Assert.Contains(events.Items, e => e.Reason == "DriftCorrected" && e.Message == drift.ToString() && e.InvolvedObject.Name == "gitops-prod");
    }

    [Fact]
    public async Task Replicas_changed_by_kubectl_scale_are_drift_attributed_to_kubectls_manager_and_reset()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 2);
        await using var _ = harness;
        var kubeconfig = Path.Combine(harness.Repo.RootPath, "kubeconfig");
        harness.Sandbox.WriteKubeconfig(kubeconfig);
        await Kubectl.RunAsync(kubeconfig, "-n", "shop", "scale", "deployment/front-end", "--replicas=6");
        Assert.Equal(6, (await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel)).Spec.Replicas);

        var status = await AgentHarness.CycleAsync(agent);

        Assert.Equal("drift-corrected", status.LastResult);
        var field = Assert.Single(Assert.Single(status.LastDrift).Fields);
        Assert.Equal(("spec.replicas", "6", "2", "kubectl"), (field.Path, field.LiveValue, field.DesiredValue, field.Manager));
        Assert.Equal(2, (await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel)).Spec.Replicas);
    }

    [Fact]
    public async Task Kubectl_patch_and_set_image_are_attributed_to_kubectls_field_managers()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 2);
        await using var _ = harness;
        var kubeconfig = Path.Combine(harness.Repo.RootPath, "kubeconfig");
        harness.Sandbox.WriteKubeconfig(kubeconfig);
        // kubectl patch changes the same field as kubectl scale (tested above) under another manager name.
        await Kubectl.RunAsync(kubeconfig, "-n", "shop", "patch", "deployment", "front-end", "--type", "merge", "-p", """{"spec":{"replicas":5}}""");
        await Kubectl.RunAsync(kubeconfig, "-n", "shop", "set", "image", "deployment/front-end", "web=nginx:hotfix");

        var status = await AgentHarness.CycleAsync(agent);

        var fields = Assert.Single(status.LastDrift).Fields.ToDictionary(f => f.Path);
        Assert.Equal(("5", "2"), (fields["spec.replicas"].LiveValue, fields["spec.replicas"].DesiredValue));
        Assert.Equal("kubectl-patch", fields["spec.replicas"].Manager);
        var image = fields["spec.template.spec.containers[name=web].image"];
        Assert.Equal(("nginx:hotfix", "nginx:1.27"), (image.LiveValue, image.DesiredValue));
        Assert.Equal("kubectl-set", image.Manager);
        var live = await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);
        Assert.Equal((2, "nginx:1.27"), (live.Spec.Replicas, live.Spec.Template.Spec.Containers.Single(c => c.Name == "web").Image));
    }

    [Fact]
    public async Task Fields_that_other_managers_own_and_gitops_does_not_set_are_neither_drift_nor_touched()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: null);
        await using var _ = harness;
        await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"front-end","namespace":"shop"},"spec":{"replicas":6}}""", V1Patch.PatchType.ApplyPatch),
            "front-end", "shop", fieldManager: "horizontal-pod-autoscaler", force: true, cancellationToken: Cancel);
        await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"front-end","namespace":"shop"},"spec":{"template":{"spec":{"containers":[{"name":"istio-proxy","image":"istio/proxyv2:1.24"}]}}}}""", V1Patch.PatchType.ApplyPatch),
            "front-end", "shop", fieldManager: "sidecar-injector", force: true, cancellationToken: Cancel);

        var status = await AgentHarness.CycleAsync(agent);

        Assert.Equal("in-sync", status.LastResult);
        Assert.Empty(status.LastDrift);
        var live = await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);
        Assert.Equal(6, live.Spec.Replicas);
        Assert.Equal(["web", "istio-proxy"], live.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task With_self_heal_off_drift_is_reported_and_left_in_place()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 1, selfHeal: false);
        await using var _ = harness;
        await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":3}}""", V1Patch.PatchType.MergePatch), "front-end", "shop", fieldManager: "ops-script", cancellationToken: Cancel);

        var status = await AgentHarness.CycleAsync(agent);

        Assert.Equal("drifted", status.LastResult);
        Assert.Equal(0, status.DriftCorrections);
        Assert.Equal("ops-script", Assert.Single(Assert.Single(status.LastDrift).Fields).Manager);
        var live = await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);
        Assert.Equal(3, live.Spec.Replicas);
    }

    [Fact]
    public async Task A_deleted_object_is_reported_as_missing_and_recreated()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 1);
        await using var _ = harness;
        await harness.Client.AppsV1.DeleteNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);

        var status = await AgentHarness.CycleAsync(agent);

        Assert.True(Assert.Single(status.LastDrift).Missing);
        Assert.NotNull(await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel));
    }

    [Fact]
    public async Task A_controller_that_keeps_fighting_is_corrected_with_growing_pauses()
    {
        var (harness, agent) = await AppliedFrontEndAsync(replicas: 1);
        await using var _ = harness;
        async Task FightAsync() => await harness.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":9}}""", V1Patch.PatchType.MergePatch), "front-end", "shop", fieldManager: "rogue-controller", cancellationToken: Cancel);

        await FightAsync();
        Assert.Equal("drift-corrected", (await AgentHarness.CycleAsync(agent)).LastResult);
        await FightAsync();

        // Interval is 10 minutes, so the back-off (half an interval, doubling) holds the second correction.
        var status = await AgentHarness.CycleAsync(agent);
        Assert.Equal("drifted", status.LastResult);
        Assert.Equal(1, status.DriftCorrections);
        var live = await harness.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "shop", cancellationToken: Cancel);
        Assert.Equal(9, live.Spec.Replicas);
    }
}

using System.Net;
using GitOps.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Sandbox.Tests;

// Each test owns a sandbox that dies with it; threading the test's token through every client call adds noise only.
#pragma warning disable xUnit1051

/// <summary>The kubectl scenarios again, through the real KubernetesClient over HTTP in-process.</summary>
public sealed class KubernetesClientTests
{
    [Fact]
    public async Task Discovery_reports_version_groups_and_resource_scope()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var version = await sandbox.Client.Version.GetCodeAsync();
        Assert.Equal("v1.32.0", version.GitVersion);
        var core = await sandbox.Client.CoreV1.GetAPIResourcesAsync();
        Assert.Contains(core.Resources, r => r.Name == "namespaces" && !r.Namespaced);
        Assert.Contains(core.Resources, r => r.Name == "configmaps" && r.Namespaced && r.ShortNames.Contains("cm"));
        var apps = await sandbox.Client.AppsV1.GetAPIResourcesAsync();
        Assert.Contains(apps.Resources, r => r.Name == "deployments" && r.Kind == "Deployment");
        Assert.Contains(apps.Resources, r => r.Name == "deployments/status");
        var groups = await sandbox.Client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "rbac.authorization.k8s.io");
    }

    [Fact]
    public async Task The_written_kubeconfig_loads_in_kubernetes_client_over_plain_http()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.Kubeconfig);
        Assert.Equal("default", config.Namespace);
        using var fromFile = new Kubernetes(config);
        var namespaces = await fromFile.CoreV1.ListNamespaceAsync();
        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], namespaces.Items.Select(n => n.Metadata.Name));
    }

    [Fact]
    public async Task Server_side_apply_creates_then_second_apply_changes_only_the_image()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromHours(1) });
        var manifest = CorpusObjects.Deployment("sock-shop", "front-end-dep.yaml");
        var created = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "front-end", "default", fieldManager: "gitops");
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal("Apply", Assert.Single(created.Metadata.ManagedFields).Operation);

        manifest.Spec.Template.Spec.Containers[0].Image = "weaveworksdemos/front-end:0.3.13";
        var dryRun = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "front-end", "default", fieldManager: "gitops", dryRun: "All");
        Assert.Equal("weaveworksdemos/front-end:0.3.13", dryRun.Spec.Template.Spec.Containers[0].Image);
        var stillLive = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("front-end", "default");
        Assert.Equal("weaveworksdemos/front-end:0.3.12", stillLive.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(created.Metadata.ResourceVersion, stillLive.Metadata.ResourceVersion);

        var updated = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "front-end", "default", fieldManager: "gitops");
        Assert.Equal(2, updated.Metadata.Generation);
        Assert.Equal("weaveworksdemos/front-end:0.3.13", updated.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(stillLive.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"], updated.Spec.Template.Spec.Containers[0].Resources.Limits["cpu"]);

        var again = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "front-end", "default", fieldManager: "gitops");
        Assert.Equal(updated.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal(2, again.Metadata.Generation);
    }

    [Fact]
    public async Task Conflicting_apply_returns_a_409_status_naming_manager_and_field_and_force_wins()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var manifest = CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml");
        await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default", fieldManager: "team-a");
        manifest.Spec.Replicas = 5;

        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default", fieldManager: "team-b"));
        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Conflict", status.Reason);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"team-a\": .spec.replicas", status.Message);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal(("FieldManagerConflict", "conflict with \"team-a\"", ".spec.replicas"), (cause.Reason, cause.Message, cause.Field));

        var forced = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default", fieldManager: "team-b", force: true);
        Assert.Equal(5, forced.Spec.Replicas);
        Assert.Contains(forced.Metadata.ManagedFields, m => m.Manager == "team-b" && m.FieldsV1.ToString()!.Contains("f:replicas"));
        Assert.DoesNotContain(forced.Metadata.ManagedFields, m => m.Manager == "team-a" && m.FieldsV1.ToString()!.Contains("f:replicas"));
    }

    [Fact]
    public async Task Apply_without_field_manager_is_a_bad_request()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var manifest = CorpusObjects.Service("guestbook", "guestbook-ui-svc.yaml");
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sandbox.Client.CoreV1.PatchNamespacedServiceAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default"));
        Assert.Equal(HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("fieldManager: Required value", error.Response.Content);
    }

    [Fact]
    public async Task Crud_of_namespaces_configmaps_and_services_with_selectors_and_optimistic_concurrency()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a", Labels = new Dictionary<string, string> { ["app"] = "web" } }, Data = new Dictionary<string, string> { ["k"] = "1" } }, "shop");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "b", Labels = new Dictionary<string, string> { ["app"] = "db" } } }, "default");

        var all = await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "app in (web,db)");
        Assert.Equal(["b", "a"], all.Items.Select(i => i.Metadata.Name));
        var web = await client.CoreV1.ListConfigMapForAllNamespacesAsync(labelSelector: "app=web");
        Assert.Equal("shop", Assert.Single(web.Items).Metadata.NamespaceProperty);
        var byName = await client.CoreV1.ListNamespacedConfigMapAsync("default", fieldSelector: "metadata.name=b");
        Assert.Single(byName.Items);

        var current = await client.CoreV1.ReadNamespacedConfigMapAsync("a", "shop");
        current.Data["k"] = "2";
        var replaced = await client.CoreV1.ReplaceNamespacedConfigMapAsync(current, "a", "shop");
        Assert.NotEqual(current.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
        current.Data["k"] = "3";
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(current, "a", "shop"));
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Contains("the object has been modified", stale.Response.Content);

        var duplicate = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, "shop"));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Response.StatusCode);
        var noNamespace = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, "nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, noNamespace.Response.StatusCode);

        var service = await client.CoreV1.CreateNamespacedServiceAsync(CorpusObjects.Service("guestbook", "guestbook-ui-svc.yaml"), "shop");
        Assert.StartsWith("10.96.", service.Spec.ClusterIP);
        Assert.Equal("TCP", service.Spec.Ports[0].Protocol);
        service.Spec.ClusterIP = "10.0.0.1";
        service.Spec.ClusterIPs = ["10.0.0.1"];
        var immutable = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedServiceAsync(service, "guestbook-ui", "shop"));
        Assert.Equal((HttpStatusCode)422, immutable.Response.StatusCode);
        Assert.Contains("spec.clusterIPs[0]", immutable.Response.Content);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("a", "shop");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("a", "shop"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
        Assert.Equal("configmaps \"a\" not found", KubernetesJson.Deserialize<V1Status>(gone.Response.Content).Message);
    }

    [Fact]
    public async Task Deployment_selector_is_immutable()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var manifest = CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml");
        await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default", fieldManager: "gitops");
        manifest.Spec.Selector.MatchLabels["app"] = "other";
        manifest.Spec.Template.Metadata.Labels["app"] = "other";
        var error = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(manifest), "guestbook-ui", "default", fieldManager: "gitops"));
        Assert.Equal((HttpStatusCode)422, error.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(error.Response.Content);
        Assert.Equal("Invalid", status.Reason);
        Assert.StartsWith("Deployment.apps \"guestbook-ui\" is invalid: spec.selector: Invalid value:", status.Message);
        Assert.EndsWith("field is immutable", status.Message);
    }

    [Fact]
    public async Task Rollouts_report_available_and_broken_images_never_become_ready()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(50) });
        var good = CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml");
        var broken = CorpusObjects.Deployment("sock-shop", "carts-dep.yaml");
        broken.Spec.Template.Spec.Containers[0].Image = "weaveworksdemos/carts:broken";
        await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(good), "guestbook-ui", "default", fieldManager: "gitops");
        await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(broken), "carts", "default", fieldManager: "gitops");

        var ready = await Eventually(() => sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("guestbook-ui", "default"), d => d.Status?.ObservedGeneration == 1);
        Assert.Equal((1, 1, 1), (ready.Status.UpdatedReplicas, ready.Status.ReadyReplicas, ready.Status.AvailableReplicas));
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True");

        var stuck = await Eventually(() => sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("carts", "default"), d => d.Status?.ObservedGeneration == 1);
        Assert.Null(stuck.Status.ReadyReplicas);
        Assert.Contains(stuck.Status.Conditions, c => c.Type == "Available" && c.Status == "False" && c.Reason == "MinimumReplicasUnavailable");
    }

    [Fact]
    public async Task A_stuck_rollout_reports_progress_deadline_exceeded_after_its_deadline()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(20) });
        var stuck = CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml");
        stuck.Metadata.Annotations = new Dictionary<string, string> { ["sandbox.gitops.dev/stuck-rollout"] = "true" };
        stuck.Spec.ProgressDeadlineSeconds = 1;
        await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(stuck), "guestbook-ui", "default", fieldManager: "gitops");

        var expired = await Eventually(
            () => sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("guestbook-ui", "default"),
            d => d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ProgressDeadlineExceeded") == true);
        Assert.Contains(expired.Status.Conditions, c => c.Type == "Progressing" && c.Status == "False" && c.Message.EndsWith("has timed out progressing."));
        Assert.Contains(expired.Status.Conditions, c => c.Type == "Available" && c.Status == "False");
    }

    [Fact]
    public async Task Status_is_ignored_on_the_main_resource_and_written_through_the_status_subresource()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromHours(1) });
        var manifest = CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml");
        manifest.Status = new V1DeploymentStatus { Replicas = 7 };
        var created = await sandbox.Client.AppsV1.CreateNamespacedDeploymentAsync(manifest, "default");
        Assert.Null(created.Status);

        created.Status = new V1DeploymentStatus { Replicas = 3, ObservedGeneration = 1 };
        var status = await sandbox.Client.AppsV1.ReplaceNamespacedDeploymentStatusAsync(created, "guestbook-ui", "default");
        Assert.Equal(3, status.Status.Replicas);
        Assert.Equal(1, status.Metadata.Generation);
        Assert.Contains(status.Metadata.ManagedFields, m => m.Subresource == "status");
    }

    [Fact]
    public async Task Finalizers_keep_a_deleted_object_until_they_are_removed()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("held", "default");
        var terminating = await client.CoreV1.ReadNamespacedConfigMapAsync("held", "default");
        Assert.NotNull(terminating.Metadata.DeletionTimestamp);

        var patch = new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "held", "default");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("held", "default"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_contents_and_then_the_namespace()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "doomed" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, "doomed");
        await client.AppsV1.PatchNamespacedDeploymentAsync(CorpusObjects.Apply(CorpusObjects.Deployment("guestbook", "guestbook-ui-deployment.yaml")), "guestbook-ui", "doomed", fieldManager: "t");
        await client.CoreV1.DeleteNamespaceAsync("doomed");

        await Eventually(() => client.CoreV1.ListNamespaceAsync(), list => list.Items.All(n => n.Metadata.Name != "doomed"));
        Assert.DoesNotContain((await client.CoreV1.ListConfigMapForAllNamespacesAsync()).Items, c => c.Metadata.NamespaceProperty == "doomed");
        Assert.Empty((await client.AppsV1.ListDeploymentForAllNamespacesAsync()).Items);
    }

    [Fact]
    public async Task Watch_streams_added_modified_and_deleted_events()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default");
        var events = new List<(WatchEventType, string)>();
        var seenDelete = new TaskCompletionSource();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
            {
                events.Add((type, item.Metadata.Name));
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" } }, "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"b\"}}", V1Patch.PatchType.MergePatch), "w", "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("w", "default");
        await watching.WaitAsync(cancel.Token);
        Assert.Equal([(WatchEventType.Added, "w"), (WatchEventType.Modified, "w"), (WatchEventType.Deleted, "w")], events);
    }

    [Fact]
    public async Task A_watch_with_a_label_selector_sees_objects_enter_and_leave_it()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "m" } }, "default");
        var list = await client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "team=web");
        var events = new List<WatchEventType>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, _) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", labelSelector: "team=web", resourceVersion: list.Metadata.ResourceVersion, cancellationToken: cancel.Token))
            {
                events.Add(type);
                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"team\":\"web\"}}}", V1Patch.PatchType.MergePatch), "m", "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"a\":\"1\"}}", V1Patch.PatchType.MergePatch), "m", "default");
        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"labels\":{\"team\":\"db\"}}}", V1Patch.PatchType.MergePatch), "m", "default");
        await watching.WaitAsync(cancel.Token);
        Assert.Equal([WatchEventType.Added, WatchEventType.Modified, WatchEventType.Deleted], events);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            await Task.Delay(20, timeout.Token);
        }
    }
}

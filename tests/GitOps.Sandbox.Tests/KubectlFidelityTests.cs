using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests;

/// <summary>The sandbox driven by the real kubectl 1.32 against the shared corpus.</summary>
public sealed class KubectlFidelityTests
{
    [Fact]
    public async Task Api_resources_lists_built_in_kinds_with_their_scope()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var output = (await sandbox.Kubectl.RunAsync("api-resources")).EnsureSuccess().Stdout;
        var lines = output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("deployments ") && l.Contains("apps/v1") && l.Contains("true") && l.TrimEnd().EndsWith("Deployment"));
        Assert.Contains(lines, l => l.StartsWith("namespaces ") && l.Contains("false") && l.TrimEnd().EndsWith("Namespace"));
        Assert.Contains(lines, l => l.StartsWith("clusterroles ") && l.Contains("false"));
        Assert.Contains(lines, l => l.StartsWith("customresourcedefinitions ") && l.Contains("crd,crds"));
    }

    [Fact]
    public async Task Server_side_apply_of_sock_shop_creates_every_object_with_kubectl_as_applier()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var result = (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop"))).EnsureSuccess();
        Assert.Equal(29, result.Stdout.Split('\n').Count(l => l.EndsWith("serverside-applied")));
        var names = (await sandbox.Kubectl.RunAsync("get", "deployments,services,ingresses", "-o", "name")).EnsureSuccess().Stdout;
        Assert.Contains("deployment.apps/front-end", names);
        Assert.Contains("service/rabbitmq", names);
        Assert.Contains("ingress.networking.k8s.io/front-end-ingress", names);

        var yaml = (await sandbox.Kubectl.RunAsync("get", "deployment", "front-end", "-o", "yaml", "--show-managed-fields")).EnsureSuccess().Stdout;
        Assert.Contains("manager: kubectl\n    operation: Apply", yaml);
        Assert.Contains("k:{\"name\":\"front-end\"}:", yaml);
        Assert.Contains("k:{\"containerPort\":8079,\"protocol\":\"TCP\"}:", yaml);
        Assert.Contains("f:selector: {}", yaml);
    }

    [Fact]
    public async Task Diff_server_side_shows_exactly_the_changed_image_and_the_second_apply_changes_it()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop", "front-end-dep.yaml"))).EnsureSuccess();
        // The simulated rollout writes the status (and so a new resourceVersion) shortly after an apply, as a real
        // controller does; a diff taken while it is under way shows that too, so each diff waits for it to end.
        (await sandbox.Kubectl.RunAsync("rollout", "status", "deployment/front-end", "--timeout=30s")).EnsureSuccess();
        var changed = sandbox.WriteFile("front-end.yaml", File.ReadAllText(Corpus.Path("sock-shop", "front-end-dep.yaml")).Replace("front-end:0.3.12", "front-end:0.3.13"));

        var diff = await sandbox.Kubectl.RunAsync("diff", "--server-side", "-f", changed);
        Assert.Equal(1, diff.ExitCode);
        var changes = diff.Stdout.Split('\n').Where(l => l.Length > 1 && l[0] is '+' or '-' && !l.StartsWith("+++") && !l.StartsWith("---")).ToList();
        Assert.Equal(["-  generation: 1", "+  generation: 2", "-        image: weaveworksdemos/front-end:0.3.12", "+        image: weaveworksdemos/front-end:0.3.13"], changes);

        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", changed)).EnsureSuccess();
        var image = (await sandbox.Kubectl.RunAsync("get", "deployment", "front-end", "-o", "jsonpath={.spec.template.spec.containers[0].image} {.metadata.generation}")).EnsureSuccess().Stdout;
        Assert.Equal("weaveworksdemos/front-end:0.3.13 2", image);
        (await sandbox.Kubectl.RunAsync("rollout", "status", "deployment/front-end", "--timeout=30s")).EnsureSuccess();
        var noDiff = await sandbox.Kubectl.RunAsync("diff", "--server-side", "-f", changed);
        Assert.Equal(0, noDiff.ExitCode);
    }

    [Fact]
    public async Task Apply_by_another_field_manager_conflicts_and_force_conflicts_takes_ownership()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop", "front-end-dep.yaml"))).EnsureSuccess();
        var other = sandbox.WriteFile("front-end.yaml", File.ReadAllText(Corpus.Path("sock-shop", "front-end-dep.yaml")).Replace("front-end:0.3.12", "front-end:0.4.0"));

        var conflict = await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=ci", "-f", other);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("Apply failed with 1 conflict: conflict with \"kubectl\": .spec.template.spec.containers[name=\"front-end\"].image", conflict.Stderr);

        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=ci", "--force-conflicts", "-f", other)).EnsureSuccess();
        var yaml = (await sandbox.Kubectl.RunAsync("get", "deployment", "front-end", "-o", "yaml", "--show-managed-fields")).EnsureSuccess().Stdout;
        Assert.Contains("image: weaveworksdemos/front-end:0.4.0", yaml);
        Assert.Contains("manager: ci", yaml);

        // kubectl lost the image, so its own re-apply of the old image now conflicts with "ci".
        var back = await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop", "front-end-dep.yaml"));
        Assert.Contains("conflict with \"ci\": .spec.template.spec.containers[name=\"front-end\"].image", back.Stderr);
    }

    [Fact]
    public async Task Client_side_apply_and_patches_are_recorded_as_update_managers_that_server_side_apply_conflicts_with()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var created = (await sandbox.Kubectl.RunAsync("apply", "-f", Corpus.Path("guestbook"))).EnsureSuccess().Stdout;
        Assert.Contains("deployment.apps/guestbook-ui created", created);
        var scaled = sandbox.WriteFile("guestbook.yaml", File.ReadAllText(Corpus.Path("guestbook", "guestbook-ui-deployment.yaml")).Replace("replicas: 1", "replicas: 2"));
        Assert.Contains("deployment.apps/guestbook-ui configured", (await sandbox.Kubectl.RunAsync("apply", "-f", scaled)).EnsureSuccess().Stdout);

        (await sandbox.Kubectl.RunAsync("patch", "deployment", "guestbook-ui", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"guestbook-ui\",\"image\":\"nginx:1.27\"}]}}}}")).EnsureSuccess();
        (await sandbox.Kubectl.RunAsync("patch", "deployment", "guestbook-ui", "--type=merge", "-p", "{\"metadata\":{\"labels\":{\"team\":\"web\"}}}")).EnsureSuccess();
        (await sandbox.Kubectl.RunAsync("patch", "service", "guestbook-ui", "--type=json", "-p", "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"tier\":\"frontend\"}}]")).EnsureSuccess();

        var deployment = (await sandbox.Kubectl.RunAsync("get", "deployment", "guestbook-ui", "-o", "jsonpath={.spec.replicas} {.spec.template.spec.containers[0].image} {.metadata.labels.team} {.spec.template.spec.containers[0].ports[0].containerPort}")).EnsureSuccess().Stdout;
        Assert.Equal("2 nginx:1.27 web 80", deployment);
        var service = (await sandbox.Kubectl.RunAsync("get", "service", "guestbook-ui", "-o", "jsonpath={.metadata.labels.tier} {.spec.clusterIP}")).EnsureSuccess().Stdout;
        Assert.StartsWith("frontend 10.96.", service);

        var conflict = await sandbox.Kubectl.RunAsync("apply", "--server-side", "--field-manager=ci", "-f", Corpus.Path("guestbook", "guestbook-ui-deployment.yaml"));
        Assert.Contains(
            "Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using apps/v1:\n- .spec.replicas\n"
            + "conflicts with \"kubectl-patch\" using apps/v1:\n- .spec.template.spec.containers[name=\"guestbook-ui\"].image",
            conflict.Stderr);
    }

    [Fact]
    public async Task Scale_changes_replicas_through_the_scale_subresource()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("guestbook"))).EnsureSuccess();
        Assert.Contains("deployment.apps/guestbook-ui scaled", (await sandbox.Kubectl.RunAsync("scale", "deployment/guestbook-ui", "--replicas=3")).EnsureSuccess().Stdout);
        var yaml = (await sandbox.Kubectl.RunAsync("get", "deployment", "guestbook-ui", "-o", "yaml", "--show-managed-fields")).EnsureSuccess().Stdout;
        Assert.Contains("replicas: 3", yaml);
        Assert.Contains("subresource: scale", yaml);
    }

    [Fact]
    public async Task Delete_removes_objects_and_get_reports_not_found()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("guestbook"))).EnsureSuccess();
        var deleted = (await sandbox.Kubectl.RunAsync("delete", "-f", Corpus.Path("guestbook"))).EnsureSuccess().Stdout;
        Assert.Contains("deployment.apps \"guestbook-ui\" deleted", deleted);
        var missing = await sandbox.Kubectl.RunAsync("get", "deployment", "guestbook-ui");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("Error from server (NotFound): deployments.apps \"guestbook-ui\" not found", missing.Stderr);
    }

    [Fact]
    public async Task Wait_for_available_returns_once_the_simulated_rollout_finishes()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(300) });
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop"))).EnsureSuccess();
        var waited = (await sandbox.Kubectl.RunAsync("wait", "--for=condition=Available", "deployment/front-end", "deployment/carts", "--timeout=30s")).EnsureSuccess().Stdout;
        Assert.Contains("deployment.apps/front-end condition met", waited);
        Assert.Contains("deployment.apps/carts condition met", waited);
    }

    [Fact]
    public async Task Wait_times_out_for_a_broken_image()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var broken = sandbox.WriteFile("broken.yaml", File.ReadAllText(Corpus.Path("guestbook", "guestbook-ui-deployment.yaml")).Replace("gb-frontend:v5", "gb-frontend:broken"));
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", broken)).EnsureSuccess();
        var waited = await sandbox.Kubectl.RunAsync("wait", "--for=condition=Available", "deployment/guestbook-ui", "--timeout=2s");
        Assert.NotEqual(0, waited.ExitCode);
        Assert.Contains("timed out", waited.Stderr);
    }

    [Fact]
    public async Task Reapplying_unchanged_manifests_keeps_the_resource_version()
    {
        await using var sandbox = await SandboxSession.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromHours(1) });
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("guestbook"))).EnsureSuccess();
        var before = (await sandbox.Kubectl.RunAsync("get", "deployment,service", "-o", "jsonpath={.items[*].metadata.resourceVersion}")).EnsureSuccess().Stdout;
        (await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("guestbook"))).EnsureSuccess();
        var after = (await sandbox.Kubectl.RunAsync("get", "deployment,service", "-o", "jsonpath={.items[*].metadata.resourceVersion}")).EnsureSuccess().Stdout;
        Assert.Equal(before, after);
    }
}

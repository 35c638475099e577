using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class SockShopReconcileTests
{
    [Fact]
    public async Task First_apply_creates_every_object_healthy_and_records_an_applyset_inventory()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.WriteSockShop();
        var sha = cluster.Repo.Commit();

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(sha, result.Commit);
        Assert.Equal(30, result.Count(ObjectAction.Created));
        Assert.All(result.Objects, o => Assert.Equal(HealthState.Current, o.Health));
        Assert.Equal("Namespace sock-shop", result.Objects[0].Ref.ToString());
        Assert.Equal(14, await cluster.CountAsync("/apis/apps/v1/namespaces/sock-shop/deployments"));
        Assert.Equal(14, await cluster.CountAsync("/api/v1/namespaces/sock-shop/services"));

        var inventory = (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!;
        var id = inventory["metadata"]!["labels"]!["applyset.kubernetes.io/id"]!.GetValue<string>();
        var annotations = inventory["metadata"]!["annotations"]!;
        Assert.Equal(sha, annotations["gitops.io/applied-commit"]!.GetValue<string>());
        Assert.Equal("Deployment.apps,Ingress.networking.k8s.io,Namespace,Service", annotations["applyset.kubernetes.io/contains-group-kinds"]!.GetValue<string>());
        Assert.StartsWith("gitops/", annotations["applyset.kubernetes.io/tooling"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(30, (await cluster.InventoryMembersAsync()).Count);
        Assert.Contains("apps/v1 Deployment sock-shop front-end", await cluster.InventoryMembersAsync());
        var frontEnd = (await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/front-end"))!;
        Assert.Equal(id, frontEnd["metadata"]!["labels"]!["applyset.kubernetes.io/part-of"]!.GetValue<string>());
        Assert.Contains(frontEnd["metadata"]!["managedFields"]!.AsArray(), m => m!["manager"]!.GetValue<string>() == "gitops" && m["operation"]!.GetValue<string>() == "Apply");
    }

    [Fact]
    public async Task A_second_run_of_the_same_commit_changes_nothing()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.WriteSockShop();
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var before = (await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/carts"))!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(30, result.Count(ObjectAction.Unchanged));
        var after = (await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/carts"))!["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_update_configures_only_the_changed_object_and_names_the_changed_field()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.WriteSockShop();
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var file = Path.Combine(cluster.Repo.WorkPath, "prod", "front-end-dep.yaml");
        File.WriteAllText(file, File.ReadAllText(file).Replace("front-end:0.3.12", "front-end:0.3.13", StringComparison.Ordinal));
        cluster.Repo.Commit("new front-end");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        var configured = Assert.Single(result.Objects, o => o.Action == ObjectAction.Configured);
        Assert.Equal("Deployment sock-shop/front-end", configured.Ref.ToString());
        Assert.Contains("spec.template.spec.containers[name=front-end].image", configured.ChangedFields);
        Assert.Equal(29, result.Count(ObjectAction.Unchanged));
        var live = (await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/front-end"))!;
        Assert.Equal("weaveworksdemos/front-end:0.3.13", live["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
    }

    [Fact]
    public async Task Removing_files_prunes_exactly_their_objects_and_shrinks_the_inventory()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.WriteSockShop();
        cluster.Repo.Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        cluster.Repo.Delete("prod/carts-db-dep.yaml").Delete("prod/carts-db-svc.yaml");
        cluster.Repo.Commit("drop carts-db");

        var result = await cluster.ReconcileAsync();

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.Equal(["Deployment sock-shop/carts-db", "Service sock-shop/carts-db"], result.Objects.Where(o => o.Action == ObjectAction.Pruned).Select(o => o.Ref.ToString()));
        Assert.Null(await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/carts-db"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/sock-shop/services/carts-db"));
        Assert.NotNull(await cluster.GetAsync("/apis/apps/v1/namespaces/sock-shop/deployments/carts"));
        Assert.Equal(28, (await cluster.InventoryMembersAsync()).Count);
    }
}

using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class DryRunTests
{
    [Fact]
    public async Task A_dry_run_reports_creations_changed_fields_and_prunes_and_writes_nothing()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/ns.yaml", Yaml.Namespace("shop")).Write("prod/a.yaml", Yaml.ConfigMap("shop", "a"))
            .Write("prod/old.yaml", Yaml.ConfigMap("shop", "old")).Write("prod/same.yaml", Yaml.ConfigMap("shop", "same")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var inventoryBefore = (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!["metadata"]!["resourceVersion"]!.ToString();
        var aBefore = (await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"))!["metadata"]!["resourceVersion"]!.ToString();
        cluster.Repo.Delete("prod/old.yaml").Write("prod/a.yaml", Yaml.ConfigMap("shop", "a", value: "v2"))
            .Write("prod/new.yaml", Yaml.ConfigMap("shop", "new") + "---\n" + Yaml.Namespace("fresh") + "---\n" + Yaml.ConfigMap("fresh", "inside")).Commit();

        var result = await cluster.ReconcileAsync(dryRun: true);

        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        Assert.True(result.DryRun);
        var byName = result.Objects.ToDictionary(o => o.Ref.ToString());
        Assert.Equal(ObjectAction.Configured, byName["ConfigMap shop/a"].Action);
        Assert.Equal(["data.key"], byName["ConfigMap shop/a"].ChangedFields);
        Assert.Equal(ObjectAction.Created, byName["ConfigMap shop/new"].Action);
        Assert.Equal(ObjectAction.Created, byName["ConfigMap fresh/inside"].Action);
        Assert.Equal(ObjectAction.Unchanged, byName["ConfigMap shop/same"].Action);
        Assert.Equal(ObjectAction.Pruned, byName["ConfigMap shop/old"].Action);

        Assert.Equal(aBefore, (await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/a"))!["metadata"]!["resourceVersion"]!.ToString());
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/new"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/fresh"));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/shop/configmaps/old"));
        Assert.Equal(inventoryBefore, (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!["metadata"]!["resourceVersion"]!.ToString());
    }
}

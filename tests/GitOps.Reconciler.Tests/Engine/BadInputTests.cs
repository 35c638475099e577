using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class BadInputTests
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "unparseable file", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [broken\n", "prod/bad.yaml:5: not valid YAML: While parsing a flow sequence" },
        { "missing kind", "apiVersion: v1\nmetadata:\n  name: nameless\n", "prod/bad.yaml:1: object has no kind" },
        { "missing name", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: shop\n", "prod/bad.yaml:1: ConfigMap has no metadata.name" },
        { "duplicate", Yaml.ConfigMap("shop", "settings"), "prod/bad.yaml:1: duplicate ConfigMap shop/settings, first defined at prod/app.yaml:1" },
        { "unknown kind", "apiVersion: example.com/v1\nkind: Gadget\nmetadata:\n  name: g\n  namespace: shop\n", "prod/bad.yaml:1: Gadget g: the cluster does not serve example.com/v1 Gadget and no CustomResourceDefinition in the set defines it" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_fails_the_run_naming_file_and_object_and_applies_nothing(string problem, string badYaml, string expectedError)
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a-ns.yaml", Yaml.Namespace("shop")).Write("prod/app.yaml", Yaml.ConfigMap("shop", "settings")).Write("prod/bad.yaml", badYaml).Commit(problem);

        var result = await cluster.ReconcileAsync();

        Assert.False(result.Succeeded);
        Assert.StartsWith(expectedError, Assert.Single(result.Errors), StringComparison.Ordinal);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/shop"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"));
    }

    [Fact]
    public async Task A_change_the_server_rejects_in_the_dry_run_fails_the_run_before_anything_is_applied()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "settings")).Write("prod/web.yaml", Yaml.Deployment("default", "web", "web:1")).Commit();
        Assert.True((await cluster.ReconcileAsync()).Succeeded);
        var web = Yaml.Deployment("default", "web", "web:2").Replace("app: web", "app: web-v2", StringComparison.Ordinal);
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "settings", value: "v2")).Write("prod/web.yaml", web).Commit("immutable selector change");

        var result = await cluster.ReconcileAsync();

        Assert.False(result.Succeeded);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("prod/web.yaml:1: Deployment default/web: rejected by the server: ", error, StringComparison.Ordinal);
        Assert.Contains("spec.selector", error, StringComparison.Ordinal);
        Assert.Equal("v1", (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/settings"))!["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_object_in_a_namespace_that_neither_exists_nor_is_defined_fails_up_front_unless_namespaces_may_be_created()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        cluster.Repo.Write("prod/a.yaml", Yaml.ConfigMap("default", "fine")).Write("prod/b.yaml", Yaml.ConfigMap("hello-dev", "orphan")).Commit();

        var refused = await cluster.ReconcileAsync();

        Assert.False(refused.Succeeded);
        Assert.Equal("prod/b.yaml:1: ConfigMap hello-dev/orphan: namespace 'hello-dev' does not exist and no Namespace in the set defines it (add one, or pass --create-namespace)", Assert.Single(refused.Errors));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/fine"));

        var created = await cluster.ReconcileAsync(createNamespaces: true);

        Assert.True(created.Succeeded, string.Join("\n", created.Errors));
        Assert.NotNull(await cluster.GetAsync("/api/v1/namespaces/hello-dev/configmaps/orphan"));
        Assert.DoesNotContain("v1 Namespace - hello-dev", await cluster.InventoryMembersAsync());
    }
}

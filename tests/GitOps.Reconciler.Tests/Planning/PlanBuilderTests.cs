using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Tests.Planning;

public sealed class PlanBuilderTests
{
    private const string SetId = "applyset-test-v1";

    private static ApiResources Cluster()
    {
        var resources = new ApiResources();
        resources.Add(new ResourceInfo("", "v1", "Namespace", "namespaces", false));
        resources.Add(new ResourceInfo("", "v1", "ConfigMap", "configmaps", true));
        resources.Add(new ResourceInfo("", "v1", "Service", "services", true));
        resources.Add(new ResourceInfo("apps", "v1", "Deployment", "deployments", true));
        resources.Add(new ResourceInfo("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false));
        resources.Add(new ResourceInfo("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false));
        return resources;
    }

    private static (ApplyPlan Plan, List<string> Errors) Plan(params string[] documents)
    {
        var files = documents.Select((d, i) => new SourceFile($"f{i}.yaml", d)).ToList();
        var (manifests, errors) = ManifestLoader.Load(files);
        var mutableErrors = errors.ToList();
        var desired = DesiredSetBuilder.Build(manifests, Cluster(), SetId, mutableErrors);
        var plan = PlanBuilder.Build(desired, mutableErrors);
        return (plan, mutableErrors);
    }

    private static string Obj(string apiVersion, string kind, string name, string? ns = null, string annotations = "") =>
        $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: {name}\n" + (ns is null ? "" : $"  namespace: {ns}\n") +
        (annotations.Length == 0 ? "" : $"  annotations:\n{annotations}");

    private static List<string> Batches(ApplyPlan plan) =>
        plan.Batches.Select(b => string.Join(",", b.Objects.Select(o => o.Ref.ToString()))).ToList();

    private const string Crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\nspec:\n  group: example.com\n  scope: Namespaced\n  names:\n    kind: Widget\n    plural: widgets\n  versions:\n  - name: v1\n    served: true\n    storage: true\n";

    [Fact]
    public void Stages_go_crds_then_namespaces_then_cluster_objects_then_namespaced_objects()
    {
        var (plan, errors) = Plan(
            Obj("apps/v1", "Deployment", "web", "shop"),
            Obj("example.com/v1", "Widget", "w", "shop"),
            Obj("rbac.authorization.k8s.io/v1", "ClusterRole", "reader"),
            Obj("v1", "Namespace", "shop"),
            Crd);

        Assert.Empty(errors);
        Assert.Equal(["CustomResourceDefinition widgets.example.com", "Namespace shop", "ClusterRole reader", "Deployment shop/web,Widget shop/w"], Batches(plan));
        Assert.True(plan.Batches[0].WaitForHealth, "CRDs must be established before their custom resources");
    }

    [Fact]
    public void Waves_come_before_categories_and_each_wave_waits_for_health_before_the_next()
    {
        var (plan, errors) = Plan(
            Obj("v1", "ConfigMap", "late", "shop", "    gitops.io/wave: \"2\"\n"),
            Obj("v1", "ConfigMap", "early", "shop", "    gitops.io/wave: \"-1\"\n"),
            Obj("v1", "Namespace", "shop", null, "    gitops.io/wave: \"-1\"\n"),
            Obj("v1", "ConfigMap", "middle", "shop"));

        Assert.Empty(errors);
        Assert.Equal(["Namespace shop", "ConfigMap shop/early", "ConfigMap shop/middle", "ConfigMap shop/late"], Batches(plan));
        Assert.Equal([false, true, true, false], plan.Batches.Select(b => b.WaitForHealth));
    }

    [Fact]
    public void Depends_on_splits_a_stage_so_the_dependency_is_applied_and_healthy_first()
    {
        var (plan, errors) = Plan(
            Obj("apps/v1", "Deployment", "api", "shop", "    gitops.io/depends-on: apps/Deployment/db, v1/ConfigMap/shop/settings\n".Replace("v1/ConfigMap", "ConfigMap", StringComparison.Ordinal)),
            Obj("apps/v1", "Deployment", "db", "shop"),
            Obj("v1", "ConfigMap", "settings", "shop"),
            Obj("v1", "Service", "api", "shop"));

        Assert.Empty(errors);
        Assert.Equal(["ConfigMap shop/settings,Deployment shop/db,Service shop/api", "Deployment shop/api"], Batches(plan));
        Assert.True(plan.Batches[0].WaitForHealth);
    }

    [Fact]
    public void A_dependency_cycle_is_an_error_naming_the_objects()
    {
        var (_, errors) = Plan(
            Obj("v1", "ConfigMap", "a", "shop", "    gitops.io/depends-on: ConfigMap/b\n"),
            Obj("v1", "ConfigMap", "b", "shop", "    gitops.io/depends-on: ConfigMap/a\n"));

        var error = Assert.Single(errors);
        Assert.Contains("cycle", error, StringComparison.Ordinal);
        Assert.Contains("ConfigMap shop/a", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_outside_the_set_or_in_a_later_wave_is_an_error()
    {
        var (_, errors) = Plan(
            Obj("v1", "ConfigMap", "a", "shop", "    gitops.io/depends-on: ConfigMap/missing\n"),
            Obj("v1", "ConfigMap", "b", "shop", "    gitops.io/depends-on: ConfigMap/c\n"),
            Obj("v1", "ConfigMap", "c", "shop", "    gitops.io/wave: \"1\"\n"));

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("f0.yaml:1: ConfigMap shop/a: gitops.io/depends-on names 'ConfigMap/missing'", errors[0], StringComparison.Ordinal);
        Assert.Contains("ConfigMap shop/b depends on ConfigMap shop/c, which is applied in a later stage", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kinds_duplicates_and_bad_waves_are_errors_naming_file_and_object()
    {
        var (_, errors) = Plan(
            Obj("example.com/v1", "Gadget", "g", "shop"),
            Obj("v1", "ConfigMap", "dup", "shop"),
            Obj("v1", "ConfigMap", "dup", "shop"),
            Obj("v1", "ConfigMap", "w", "shop", "    gitops.io/wave: soon\n"));

        Assert.Equal(
            [
                "f0.yaml:1: Gadget g: the cluster does not serve example.com/v1 Gadget and no CustomResourceDefinition in the set defines it",
                "f2.yaml:1: duplicate ConfigMap shop/dup, first defined at f1.yaml:1",
                "f3.yaml:1: ConfigMap w: annotation gitops.io/wave must be an integer, not 'soon'",
            ],
            errors);
    }

    [Fact]
    public void Namespaced_objects_default_to_the_default_namespace_and_carry_the_applyset_label()
    {
        var (plan, errors) = Plan(Obj("v1", "ConfigMap", "a"), Obj("v1", "Namespace", "shop", "ignored"));

        Assert.Empty(errors);
        var configMap = plan.Objects.Single(o => o.Ref.Kind == "ConfigMap");
        Assert.Equal("default", configMap.Ref.Namespace);
        Assert.Equal(SetId, configMap.Body["metadata"]!["labels"]!["applyset.kubernetes.io/part-of"]!.GetValue<string>());
        var ns = plan.Objects.Single(o => o.Ref.Kind == "Namespace");
        Assert.Null(ns.Ref.Namespace);
        Assert.Null(ns.Body["metadata"]!["namespace"]);
    }
}

using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class CrossEnvironmentDiffTests
{
    [Fact]
    public void Objects_differing_only_by_prefix_and_namespace_are_paired_and_only_real_differences_show()
    {
        var tree = new RenderedTreeBuilder()
            .Object("staging", "shop", RenderedTreeBuilder.Deployment("stg-web", "shop-staging", 1, env: "staging"))
            .Object("staging", "shop", RenderedTreeBuilder.ConfigMap("stg-settings-0123456789", "shop-staging", "same"))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("prod-web", "shop-prod", 4, env: "prod"))
            .Object("prod", "shop", RenderedTreeBuilder.ConfigMap("prod-settings-0123456789", "shop-prod", "same"))
            .Object("prod", "shop", RenderedTreeBuilder.ConfigMap("prod-extra", "shop-prod", "x"))
            .Build();

        var report = RenderDiff.CompareEnvironments(tree, "staging", "prod");

        var environment = Assert.Single(report.Environments);
        Assert.Equal(("prod", "staging"), (environment.Name, environment.BaseName));
        Assert.Equal(["ConfigMap/shop-prod/prod-extra Added", "Deployment/shop-prod/prod-web Changed"], environment.Objects.Select(o => $"{o.DisplayName} {o.Change}"));
        var deployment = environment.Objects[1];
        Assert.Equal(["metadata.labels.env: \"staging\" → \"prod\"", "spec.replicas: 1 → 4"], deployment.Fields.Select(f => f.ToString()));
        Assert.DoesNotContain("name: stg-web", deployment.Diff);
    }

    [Fact]
    public void Suffixes_are_stripped_too()
    {
        var tree = new RenderedTreeBuilder()
            .Object("a", "shop", RenderedTreeBuilder.Deployment("web-a", "ns", 1))
            .Object("a", "shop", RenderedTreeBuilder.Deployment("api-a", "ns", 1))
            .Object("b", "shop", RenderedTreeBuilder.Deployment("web-b", "ns", 1))
            .Object("b", "shop", RenderedTreeBuilder.Deployment("api-b", "ns", 2))
            .Build();

        var environment = Assert.Single(RenderDiff.CompareEnvironments(tree, "a", "b").Environments);

        var changed = Assert.Single(environment.Objects);
        Assert.Equal("Deployment/ns/api-b", changed.DisplayName);
        Assert.Equal("spec.replicas: 1 → 2", Assert.Single(changed.Fields).ToString());
    }

    [Fact]
    public void An_unknown_environment_lists_the_known_ones()
    {
        var tree = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1)).Build();

        var error = Assert.Throws<ArgumentException>(() => RenderDiff.CompareEnvironments(tree, "dev", "prdo"));

        Assert.Contains("environment 'prdo' is not rendered; known environments: dev", error.Message);
    }
}

using GitOps.Dsl;
using GitOps.Rendering.Layout;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Tests.Layout;

public sealed class ObjectFileNameTests
{
    private static string Name(string apiVersion, string kind, string name, string? ns) =>
        ObjectFileNames.For(
            new RenderedObject("app", Manifest(apiVersion, kind, name, ns), new SourceLocation("gitops.csx", 1)),
            environmentNamespace: "shop");

    private static JsonObject Manifest(string apiVersion, string kind, string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    [Theory]
    [InlineData("apps/v1", "Deployment", "web", "shop", "deployment_web.yaml")]
    [InlineData("v1", "ConfigMap", "web", "monitoring", "configmap_monitoring_web.yaml")]
    [InlineData("rbac.authorization.k8s.io/v1", "ClusterRole", "reader", null, "clusterrole_reader.yaml")]
    [InlineData("cert-manager.io/v1", "Certificate", "web-tls", "shop", "certificate.cert-manager.io_web-tls.yaml")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler", "web", "shop", "horizontalpodautoscaler_web.yaml")]
    public void File_names_are_kind_group_namespace_and_name_in_lower_case(string apiVersion, string kind, string name, string? ns, string expected)
    {
        Assert.Equal(expected, Name(apiVersion, kind, name, ns));
    }

    [Fact]
    public void Objects_that_differ_in_kind_group_or_namespace_never_share_a_file()
    {
        var names = new[]
        {
            Name("v1", "Service", "web", "shop"),
            Name("v1", "Service", "web", "other"),
            Name("apps/v1", "Deployment", "web", "shop"),
            Name("example.com/v1", "Deployment", "web", "shop"),
            Name("v1", "Service", "web-other", "shop"),
            Name("v1", "Namespace", "web", null),
        };

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}

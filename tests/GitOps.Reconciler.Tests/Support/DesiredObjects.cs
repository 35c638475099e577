using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Desired objects made straight from a body, for tests of what a run does with them.</summary>
internal static class DesiredObjects
{
    public static readonly ResourceInfo ConfigMaps = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    public static readonly ResourceInfo Deployments = new("apps", "v1", "Deployment", "deployments", Namespaced: true);

    /// <summary>The object as the desired-set builder would make it of <paramref name="body"/> (its name and namespace from its metadata).</summary>
    public static DesiredObject Of(ResourceInfo resource, JsonObject body)
    {
        var metadata = body["metadata"]!;
        var reference = new ObjectRef(resource.Group, resource.Kind, metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>());
        return new DesiredObject(new ManifestObject(body, "prod/x.yaml", 1), resource, reference, body, 0);
    }
}

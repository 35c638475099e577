using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class ListMergeKeyLookup
{
    [Theory]
    [InlineData("apps/v1", "Deployment", ".spec.template.spec.containers", "name")]
    [InlineData("apps/v1", "Deployment", ".spec.template.spec.containers[name=\"web\"].ports", "containerPort,protocol")]
    [InlineData("apps/v1", "StatefulSet", ".spec.template.spec.containers.env", "name")]
    [InlineData("batch/v1", "CronJob", ".spec.jobTemplate.spec.template.spec.volumes", "name")]
    [InlineData("v1", "Pod", ".spec.containers[0].volumeMounts", "mountPath")]
    [InlineData("v1", "Service", ".spec.ports", "port,protocol")]
    [InlineData("v1", "Pod", ".metadata.ownerReferences", "uid")]
    public void Keyed_lists_of_built_in_kinds_report_their_keys(string apiVersion, string kind, string path, string keys)
    {
        Assert.Equal(keys, string.Join(',', ListMergeKeys.For(apiVersion, kind, path)!));
    }

    [Theory]
    [InlineData("apps/v1", "Deployment", ".spec.template.spec.containers[0].args")]
    [InlineData("apps/v1", "Deployment", ".spec.template.spec.tolerations")]
    [InlineData("v1", "Pod", ".metadata.finalizers")]
    [InlineData("apps/v1", "Deployment", ".spec.replicas")]
    [InlineData("apps/v1", "Deployment", ".spec.nothing.here")]
    [InlineData("example.com/v1", "Widget", ".spec.items")]
    public void Atomic_lists_sets_and_non_lists_have_no_keys(string apiVersion, string kind, string path)
    {
        Assert.Null(ListMergeKeys.For(apiVersion, kind, path));
    }

    [Fact]
    public void Finalizers_are_a_set()
    {
        Assert.Equal("set", ListMergeKeys.SemanticsFor("v1", "Pod", ".metadata.finalizers")!.ListType);
    }
}

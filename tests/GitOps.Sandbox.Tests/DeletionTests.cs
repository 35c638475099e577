using System.Net;
using GitOps.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Sandbox.Tests;

// Each test owns a sandbox that dies with it; threading the test's token through every client call adds noise only.
#pragma warning disable xUnit1051

/// <summary>DELETE with propagationPolicy, garbage collection through ownerReferences, and terminating namespaces.</summary>
public sealed class DeletionTests
{
    [Fact]
    public async Task Background_deletion_collects_owned_objects_and_orphan_keeps_them()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        var owner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, "default");
        var orphanOwner = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "orphan-owner" } }, "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(Owned("child", owner), "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(Owned("kept", orphanOwner), "default");

        await client.CoreV1.DeleteNamespacedConfigMapAsync("owner", "default", propagationPolicy: "Background");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("orphan-owner", "default", propagationPolicy: "Orphan");

        var names = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Items.Select(c => c.Metadata.Name).ToList();
        Assert.Equal(["kept"], names);
    }

    [Fact]
    public async Task A_terminating_namespace_refuses_new_objects_until_its_last_object_is_released()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "closing" } });
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] } }, "closing");
        await client.CoreV1.DeleteNamespaceAsync("closing");

        var terminating = await client.CoreV1.ReadNamespaceAsync("closing");
        Assert.Equal("Terminating", terminating.Status.Phase);
        var refused = await Assert.ThrowsAsync<HttpOperationException>(() =>
            client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "late" } }, "closing"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Response.StatusCode);
        Assert.Contains("because it is being terminated", refused.Response.Content);

        await client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"metadata\":{\"finalizers\":null}}", V1Patch.PatchType.MergePatch), "held", "closing");
        var gone = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespaceAsync("closing"));
        Assert.Equal(HttpStatusCode.NotFound, gone.Response.StatusCode);
    }

    [Fact]
    public async Task Dry_run_delete_keeps_the_object()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var client = sandbox.Client;
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "stays" } }, "default");
        await client.CoreV1.DeleteNamespacedConfigMapAsync("stays", "default", dryRun: "All");
        Assert.Equal("stays", (await client.CoreV1.ReadNamespacedConfigMapAsync("stays", "default")).Metadata.Name);
    }

    private static V1ConfigMap Owned(string name, V1ConfigMap owner) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = owner.Metadata.Name, Uid = owner.Metadata.Uid }],
        },
    };
}

using GitOps.Sandbox.Tests.Support;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Sandbox.Tests;

#pragma warning disable xUnit1051 // each test owns its sandbox; a token on every call adds noise only

/// <summary>LIST with <c>limit</c> and <c>continue</c>, as client-go's pager and kubectl's --chunk-size use it.</summary>
public sealed class ChunkedListTests
{
    [Fact]
    public async Task List_with_limit_returns_pages_in_key_order_that_add_up_to_every_object()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        for (var i = 0; i < 7; i++)
        {
            await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"page-{i}" } }, "default");
        }

        var names = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await sandbox.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 3, continueParameter: token);
            pages++;
            Assert.True(page.Items.Count <= 3, $"page {pages} has {page.Items.Count} items");
            names.AddRange(page.Items.Select(c => c.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            Assert.Equal(token is null ? null : 7 - names.Count, page.Metadata.RemainingItemCount);
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"page-{i}"), names);
    }

    [Fact]
    public async Task List_without_limit_has_no_continue_token_and_a_bad_token_is_a_400()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "only" } }, "default");
        var all = await sandbox.Client.CoreV1.ListNamespacedConfigMapAsync("default");
        Assert.Null(all.Metadata.ContinueProperty);
        Assert.Contains(all.Items, c => c.Metadata.Name == "only");

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => sandbox.Client.CoreV1.ListNamespacedConfigMapAsync("default", limit: 1, continueParameter: "not-a-token"));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, error.Response.StatusCode);
        Assert.Contains("continue", error.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubectl_get_with_a_small_chunk_size_lists_every_object()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"chunk-{i}" } }, "default");
        }

        var output = (await sandbox.Kubectl.RunAsync("get", "configmaps", "-n", "default", "--chunk-size=2", "-o", "name")).EnsureSuccess().Stdout;
        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"configmap/chunk-{i}"), output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Contains("chunk-", StringComparison.Ordinal)));
    }
}

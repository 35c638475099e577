using System.Net;
using System.Text;
using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests;

/// <summary>The fieldValidation query parameter over plain HTTP, and kubectl's default (Strict) against it.</summary>
public sealed class FieldValidationTests
{
    private const string ConfigMapWithTypo = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"},"dataa":{"b":"2"}}""";

    [Fact]
    public async Task Strict_rejects_an_unknown_field_naming_it()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        var response = await Post(http, "fieldValidation=Strict", ConfigMapWithTypo);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ConfigMap in version \\\"v1\\\" cannot be handled as a ConfigMap: strict decoding error: unknown field \\\"dataa\\\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Warn_stores_the_object_without_the_field_and_returns_a_warning_header()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        var response = await Post(http, "fieldValidation=Warn", ConfigMapWithTypo);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("299 - \"unknown field \\\"dataa\\\"\"", Assert.Single(response.Headers.GetValues("Warning")));
        Assert.DoesNotContain("dataa", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ignore_drops_the_field_silently()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        var response = await Post(http, "fieldValidation=Ignore", ConfigMapWithTypo);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
        Assert.DoesNotContain("dataa", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Strict_rejects_duplicate_fields_in_the_body()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        var response = await Post(http, "fieldValidation=Strict", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","a":"2"}}""");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("duplicate field \\\"data.a\\\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Kubectl_reports_a_misspelt_field_with_default_validation()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var manifest = File.ReadAllText(Corpus.Path("guestbook", "guestbook-ui-deployment.yaml")).Replace("revisionHistoryLimit", "revisionHistoryLimitt");
        var clientSide = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("typo.yaml", manifest));
        Assert.NotEqual(0, clientSide.ExitCode);
        Assert.Contains("unknown field \"spec.revisionHistoryLimitt\"", clientSide.Stderr);

        var serverSide = await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Path.Combine(sandbox.Directory, "typo.yaml"));
        Assert.NotEqual(0, serverSide.ExitCode);
        Assert.Contains(".spec.revisionHistoryLimitt: field not declared in schema", serverSide.Stderr);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string query, string json) =>
        http.PostAsync($"api/v1/namespaces/default/configmaps?{query}", new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
}

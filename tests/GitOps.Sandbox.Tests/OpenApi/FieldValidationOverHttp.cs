using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests.OpenApi;

/// <summary>The <c>fieldValidation</c> levels over plain HTTP, for what kubectl cannot send (duplicate keys survive its parsing).</summary>
public sealed class FieldValidationOverHttp
{
    private const string DuplicatedConfigMap = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"dup","name":"dup"},"data":{"a":"1"},"dataa":{"b":"2"}}
        """;

    private static async Task<HttpResponseMessage> PostAsync(SandboxSession sandbox, string query, string body, string contentType = "application/json")
    {
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await http.PostAsync(new Uri("api/v1/namespaces/default/configmaps" + query, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Strict_rejects_duplicate_and_unknown_fields_with_a_bad_request_status()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        using var response = await PostAsync(sandbox, "?fieldValidation=Strict", DuplicatedConfigMap);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Equal(
            "ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: duplicate field \"metadata.name\", unknown field \"dataa\"",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Without_a_level_the_server_warns_as_kube_apiserver_does_by_default()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        using var response = await PostAsync(sandbox, "", DuplicatedConfigMap);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(
            ["299 - \"duplicate field \\\"metadata.name\\\"\"", "299 - \"unknown field \\\"dataa\\\"\""],
            response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task Ignore_accepts_the_object_without_warnings()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        using var response = await PostAsync(sandbox, "?fieldValidation=Ignore", DuplicatedConfigMap);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False(response.Headers.Contains("Warning"));
    }

    [Fact]
    public async Task Duplicate_keys_in_an_apply_patch_are_rejected_by_line()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };
        using var content = new StringContent("""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: applied
            data:
              a: "1"
              a: "2"
            """, Encoding.UTF8);
        content.Headers.ContentType = new("application/apply-patch+yaml");

        using var response = await http.PatchAsync(new Uri("api/v1/namespaces/default/configmaps/applied?fieldManager=test&fieldValidation=Strict", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 7: key \"a\" already set in map",
            JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Openapi_documents_are_served_and_v3_urls_carry_the_content_hash()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.Server.Url };

        var index = JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v3", UriKind.Relative), TestContext.Current.CancellationToken))!;
        var appsUrl = index["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var apps = JsonNode.Parse(await http.GetStringAsync(new Uri(appsUrl.TrimStart('/'), UriKind.Relative), TestContext.Current.CancellationToken))!;
        var v2 = JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v2", UriKind.Relative), TestContext.Current.CancellationToken))!;

        Assert.NotNull(apps["components"]!["schemas"]!["io.k8s.api.apps.v1.Deployment"]);
        Assert.Equal("2.0", v2["swagger"]!.GetValue<string>());
    }
}

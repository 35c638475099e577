using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Engine;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class AppliedHashTests
{
    [Fact]
    public void The_hash_is_the_one_earlier_versions_wrote_so_an_upgrade_does_not_reapply_every_object()
    {
        // Non-ASCII, characters JSON escapes, and nesting: the bytes hashed must stay those of the compact JSON text.
        var body = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","labels":{"x":"<tag> & \"q\""}},"data":{"k":"grüße\n","n":"1"}}
            """)!.AsObject();
        var earlier = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString())))[..32];

        Assert.Equal(earlier, AppliedHash.Compute(body));
        body["data"]!["k"] = "changed";
        Assert.NotEqual(earlier, AppliedHash.Compute(body));
    }

    private const string Desired = """
        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","annotations":{"gitops.io/applied-hash":"h1"}},
         "data":{"k":"grüße \"q\"","empty":null},"replicas":3,"ratio":1.50,"on":true,"ports":[{"port":80},{"port":443}]}
        """;

    // As the server lists it: its own fields, its own key order, its own escaping, no apiVersion or kind.
    private const string Live = """
        {"metadata":{"uid":"u-1","annotations":{"other":"x","gitops.io/applied-hash":"h1"},"name":"a"},
         "ports":[{"port":80,"protocol":"TCP"},{"protocol":"TCP","port":443}],"on":true,"ratio":1.50,"replicas":3,
         "data":{"k":"gr\u00fc\u00dfe \"q\"","extra":"kept"}}
        """;

    [Fact]
    public void A_live_object_with_our_hash_and_every_value_we_set_is_unchanged()
    {
        Assert.True(AppliedHash.IsUnchanged(Built(Desired), Listed(Live)));
        Assert.Equal("h1", AppliedHash.Of(Built(Desired)));
    }

    [Theory]
    [InlineData("\"h1\"", "\"h2\"")]
    [InlineData("\"replicas\":3", "\"replicas\":4")]
    [InlineData("\"ratio\":1.50", "\"ratio\":1.5")]
    [InlineData("\"on\":true", "\"on\":false")]
    [InlineData("grüße", "grusse")]
    [InlineData(",{\"protocol\":\"TCP\",\"port\":443}", "")]
    [InlineData("\"port\":80,", "")]
    [InlineData("\"replicas\":3", "\"replicas\":\"3\"")]
    public void A_different_hash_value_type_or_a_missing_value_is_a_change(string inLive, string replacement)
    {
        var live = Live.Replace(inLive.Replace("grüße", "gr\\u00fc\\u00dfe", StringComparison.Ordinal), replacement, StringComparison.Ordinal);
        Assert.NotEqual(Live, live);

        Assert.False(AppliedHash.IsUnchanged(Built(Desired), Listed(live)));
    }

    [Fact]
    public void A_secrets_string_data_compares_with_the_base64_data_the_server_stores()
    {
        var desired = Built("""{"kind":"Secret","metadata":{"annotations":{"gitops.io/applied-hash":"h"}},"stringData":{"password":"s3cret"}}""");
        var stored = Convert.ToBase64String(Encoding.UTF8.GetBytes("s3cret"));

        Assert.True(AppliedHash.IsUnchanged(desired, Listed($$$"""{"metadata":{"annotations":{"gitops.io/applied-hash":"h"}},"data":{"password":"{{{stored}}}"}}""")));
        Assert.False(AppliedHash.IsUnchanged(desired, Listed("""{"metadata":{"annotations":{"gitops.io/applied-hash":"h"}},"data":{"password":"czNjcmV0Cg=="}}""")));
    }

    [Fact]
    public void Without_a_hash_on_either_side_nothing_is_unchanged()
    {
        Assert.False(AppliedHash.IsUnchanged(Built("""{"metadata":{"name":"a"}}"""), Listed("""{"metadata":{"name":"a"}}""")));
        Assert.Null(AppliedHash.Of(Built("""{"metadata":{"annotations":{"gitops.io/applied-hash":1}}}""")));
    }

    /// <summary>A desired body as the desired-set builder keeps it (re-written by our serializer).</summary>
    private static JsonElement Built(string json) => JsonBody.ToElement(JsonNode.Parse(json)!);

    /// <summary>A live object as the server sent it, its escaping untouched.</summary>
    private static JsonElement Listed(string json) => JsonSerializer.Deserialize<JsonElement>(json);
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
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
}

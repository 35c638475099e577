using System.Text;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Tests.Engine;

public sealed class JsonBodyTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(JsonBody.SegmentLength - 1)]
    [InlineData(JsonBody.SegmentLength)]
    public void Long_strings_written_in_segments_parse_back_to_the_same_value_whatever_falls_on_a_segment_boundary(int offset)
    {
        // A surrogate pair, a quote, a backslash, a newline and non-ASCII text land at and around segment boundaries.
        var text = new StringBuilder(new string('a', offset));
        while (text.Length < JsonBody.SegmentLength * 3)
        {
            text.Append("😀\"\\\nv1/ConfigMap/default/é-").Append(text.Length);
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["data"] = new JsonObject { ["members"] = text.ToString(), ["short"] = "x\ny", ["n"] = 3, ["b"] = true, ["none"] = null },
            ["list"] = new JsonArray(1, "two", new JsonObject()),
        };

        var written = JsonBody.Serialize(body);

        var parsed = JsonNode.Parse(written.Span);
        Assert.True(JsonNode.DeepEquals(body, parsed), Encoding.UTF8.GetString(written.Span)[..200]);
        Assert.Equal(text.ToString(), parsed!["data"]!["members"]!.GetValue<string>());
    }
}

using System.Text.Json.Nodes;
using GitOps.Reconciler.Inventory;

namespace GitOps.Reconciler.Tests.Inventory;

public sealed class MemberListTests
{
    private static readonly string[] Lines = ["apps/v1 Deployment shop web", "v1 ConfigMap shop web-config", "rbac.authorization.k8s.io/v1 ClusterRole - reader"];

    [Fact]
    public void A_joined_list_is_what_string_join_gives_and_reads_back_line_for_line_from_the_stored_json()
    {
        var joined = MemberList.Join(Lines);
        // As the API server returns it: a JSON string with its newlines escaped, parsed into an element-backed node.
        var stored = JsonNode.Parse(new JsonObject { ["members"] = joined }.ToJsonString())!["members"];

        Assert.Equal(string.Join('\n', Lines), joined);
        Assert.Equal(Lines, MemberList.Read(stored));
    }

    [Theory]
    [InlineData("""{"members":"v1 ConfigMap shop a\t\nv1 ConfigMap shop b"}""")]
    [InlineData("""{"members":"v1 ConfigMap shop caf\u00e9\n\nv1 ConfigMap shop b\n"}""")]
    [InlineData("""{"members":"v1 ConfigMap shop \"quoted\"\nv1 ConfigMap shop b"}""")]
    public void A_list_with_other_escapes_or_blank_lines_reads_as_its_unescaped_text_split_into_trimmed_lines(string json)
    {
        var stored = JsonNode.Parse(json)!["members"];
        var expected = stored!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(expected, MemberList.Read(stored));
        Assert.Equal("v1 ConfigMap shop b", MemberList.Read(stored).Last());
    }

    [Fact]
    public void A_list_set_in_memory_and_an_absent_one_read_too()
    {
        Assert.Equal(Lines, MemberList.Read(JsonValue.Create(string.Join('\n', Lines))));
        Assert.Empty(MemberList.Read(null));
        Assert.Equal("", MemberList.Join([]));
    }
}

using System.Text.Json.Nodes;
using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class DiffOutputFormatTests
{
    private static DiffReport ReplicaChange()
    {
        var before = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "shop-prod", 3)).Build();
        var after = new RenderedTreeBuilder()
            .Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "shop-dev", 1))
            .Object("prod", "shop", RenderedTreeBuilder.Deployment("web", "shop-prod", 4)).Build();
        return RenderDiff.Compare(before, after, "HEAD~1", "working tree");
    }

    [Fact]
    public void Markdown_has_a_summary_table_then_a_collapsible_section_per_app()
    {
        var markdown = DiffMarkdown.Write(ReplicaChange());

        Assert.StartsWith("### gitops diff: `HEAD~1` → `working tree`\n\n| Environment | App | Added | Removed | Changed |\n|---|---|---:|---:|---:|\n| prod | shop | 0 | 0 | 1 |\n", markdown);
        Assert.Contains("<details><summary><b>prod / shop</b>: 1 changed</summary>", markdown);
        Assert.Contains("| `spec.replicas` | `3` | `4` |", markdown);
        Assert.Contains("```diff\n--- a/prod/shop/", markdown);
        Assert.DoesNotContain("| dev", markdown);
        Assert.DoesNotContain("<b>dev", markdown);
        Assert.Equal(1, markdown.Split("<details>").Length - 1);
    }

    [Fact]
    public void Markdown_says_so_when_nothing_differs()
    {
        var tree = new RenderedTreeBuilder().Object("dev", "shop", RenderedTreeBuilder.Deployment("web", "ns", 1)).Build();

        var markdown = DiffMarkdown.Write(RenderDiff.Compare(tree, tree, "a", "b"));

        Assert.Equal("### gitops diff: `a` → `b`\n\nNo differences in the rendered objects.\n", markdown);
    }

    [Fact]
    public void Long_diffs_are_cut_with_a_count_of_the_lines_left_out()
    {
        var big = RenderedTreeBuilder.ConfigMap("big", "ns", string.Join("\n", Enumerable.Range(0, 100).Select(i => $"line {i}")) + "\n");

        var markdown = DiffMarkdown.Write(RenderDiff.Compare([], new RenderedTreeBuilder().Object("dev", "shop", big).Build(), "a", "b"));

        var diffLines = markdown.Split("```diff\n")[1].Split("```")[0].Split('\n');
        Assert.Equal(DiffMarkdown.MaxDiffLines + 2, diffLines.Length);
        Assert.Matches(@"^… \d+ more line\(s\) not shown$", diffLines[^2]);
        Assert.Contains("| dev (new) | shop | 1 | 0 | 0 |", markdown);
    }

    [Fact]
    public void Json_follows_the_documented_schema()
    {
        var json = JsonNode.Parse(DiffJson.Write(ReplicaChange()))!;

        Assert.Equal(1, (int)json["schemaVersion"]!);
        Assert.Equal("HEAD~1", (string?)json["base"]);
        Assert.True((bool)json["hasDifferences"]!);
        var prod = json["environments"]![1]!;
        Assert.Equal(("prod", "changed"), ((string?)prod["name"], (string?)prod["presence"]));
        Assert.Equal(1, (int)prod["summary"]!["changed"]!);
        var deployment = prod["objects"]![0]!;
        Assert.Equal(("shop", "Deployment", "shop-prod", "web", "changed"), ((string?)deployment["app"], (string?)deployment["kind"], (string?)deployment["namespace"], (string?)deployment["name"], (string?)deployment["change"]));
        var field = deployment["fields"]![0]!;
        Assert.Equal(("spec.replicas", 3, 4), ((string?)field["path"], (int)field["old"]!, (int)field["new"]!));
        Assert.Contains("+  replicas: 4", (string?)deployment["diff"]);
        Assert.Empty(json["environments"]![0]!["objects"]!.AsArray());
    }

    [Fact]
    public void Markdown_stays_under_githubs_comment_limit_and_says_how_many_sections_it_left_out()
    {
        var tree = new RenderedTreeBuilder();
        var longLines = string.Join("\n", Enumerable.Range(0, 80).Select(i => new string('x', 200) + i)) + "\n";
        for (var app = 0; app < 20; app++)
        {
            tree.Object("dev", $"app{app:00}", RenderedTreeBuilder.ConfigMap("big", "ns", longLines));
        }

        var markdown = DiffMarkdown.Write(RenderDiff.Compare([], tree.Build(), "a", "b"));

        Assert.True(markdown.Length < 65_536, $"{markdown.Length} characters");
        var shown = markdown.Split("<details>").Length - 1;
        Assert.InRange(shown, 1, 19);
        Assert.Contains($"_{20 - shown} more app section(s) left out", markdown);
        Assert.Contains("| dev (new) | app19 | 1 | 0 | 0 |", markdown);
    }
}

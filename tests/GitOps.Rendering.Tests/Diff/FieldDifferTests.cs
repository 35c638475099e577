using System.Text.Json.Nodes;
using GitOps.Rendering.Diff;

namespace GitOps.Rendering.Tests.Diff;

public sealed class FieldDifferTests
{
    [Fact]
    public void One_changed_scalar_is_reported_with_its_path_and_both_values()
    {
        var before = RenderedTreeBuilder.Deployment("web", "shop", replicas: 2);
        var after = RenderedTreeBuilder.Deployment("web", "shop", replicas: 5);

        var change = Assert.Single(FieldDiffer.Compare(before, after));

        Assert.Equal("spec.replicas", change.Path);
        Assert.Equal(ChangeKind.Changed, change.Kind);
        Assert.Equal(2, (int)change.OldValue!);
        Assert.Equal(5, (int)change.NewValue!);
    }

    [Fact]
    public void Container_fields_are_addressed_by_container_name()
    {
        var before = RenderedTreeBuilder.Deployment("web", "shop", 2, image: "ghcr.io/acme/web:1.0.0");
        var after = RenderedTreeBuilder.Deployment("web", "shop", 2, image: "ghcr.io/acme/web:1.1.0");

        var change = Assert.Single(FieldDiffer.Compare(before, after));

        Assert.Equal("spec.template.spec.containers[name=web].image", change.Path);
        Assert.Equal("spec.template.spec.containers[name=web].image: \"ghcr.io/acme/web:1.0.0\" → \"ghcr.io/acme/web:1.1.0\"", change.ToString());
    }

    [Fact]
    public void Inserting_a_container_first_reports_one_added_container_not_every_later_one_changed()
    {
        var before = RenderedTreeBuilder.Deployment("web", "shop", 2);
        var after = RenderedTreeBuilder.Deployment("web", "shop", 2);
        var containers = (JsonArray)after["spec"]!["template"]!["spec"]!["containers"]!;
        containers.Insert(0, new JsonObject { ["name"] = "proxy", ["image"] = "envoy:1.30" });

        var change = Assert.Single(FieldDiffer.Compare(before, after));

        Assert.Equal("spec.template.spec.containers[name=proxy]", change.Path);
        Assert.Equal(ChangeKind.Added, change.Kind);
        Assert.Equal("envoy:1.30", (string?)change.NewValue!["image"]);
    }

    [Fact]
    public void Keys_with_dots_or_slashes_are_quoted_in_the_path()
    {
        var before = RenderedTreeBuilder.Deployment("web", "shop", 2);
        var after = RenderedTreeBuilder.Deployment("web", "shop", 2);
        after["metadata"]!["labels"]!["app.kubernetes.io/name"] = "api";
        ((JsonObject)after["metadata"]!["labels"]!).Remove("env");

        var changes = FieldDiffer.Compare(before, after);

        Assert.Equal(["metadata.labels[\"app.kubernetes.io/name\"]", "metadata.labels.env"], changes.Select(c => c.Path));
        Assert.Equal(ChangeKind.Removed, changes[1].Kind);
    }

    [Fact]
    public void Lists_without_a_merge_key_are_compared_by_index()
    {
        var before = new JsonObject { ["args"] = new JsonArray("--a", "--b") };
        var after = new JsonObject { ["args"] = new JsonArray("--a", "--c", "--d") };

        var changes = FieldDiffer.Compare(before, after);

        Assert.Equal(["args[1]: \"--b\" → \"--c\"", "args[2]: added \"--d\""], changes.Select(c => c.ToString()));
    }

    [Fact]
    public void A_number_and_the_same_digits_as_a_string_differ()
    {
        var before = ObjectYaml.Parse("port: 80\n", "a.yaml");
        var after = ObjectYaml.Parse("port: '80'\n", "b.yaml");

        Assert.Single(FieldDiffer.Compare(before, after));
    }

    [Fact]
    public void Volume_claim_templates_are_addressed_by_their_metadata_name()
    {
        static JsonObject Claim(string name, string size) => new()
        {
            ["metadata"] = new JsonObject { ["name"] = name },
            ["spec"] = new JsonObject { ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = size } } },
        };
        var before = new JsonObject { ["volumeClaimTemplates"] = new JsonArray(Claim("data", "20Gi"), Claim("wal", "5Gi")) };
        var after = new JsonObject { ["volumeClaimTemplates"] = new JsonArray(Claim("data", "100Gi"), Claim("wal", "5Gi")) };

        var change = Assert.Single(FieldDiffer.Compare(before, after));

        Assert.Equal("volumeClaimTemplates[metadata.name=data].spec.resources.requests.storage: \"20Gi\" → \"100Gi\"", change.ToString());
    }
}

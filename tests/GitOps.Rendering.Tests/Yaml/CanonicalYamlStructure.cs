using System.Text;
using System.Text.Json.Nodes;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Yaml;

public class CanonicalYamlStructure
{
    [Fact]
    public void A_deployment_renders_with_identity_first_metadata_in_canonical_order_and_other_keys_sorted()
    {
        var deployment = JsonNode.Parse("""
            {
              "status": {},
              "spec": {
                "template": {
                  "spec": { "containers": [ { "name": "web", "image": "nginx:1.25", "args": ["--port", "8080"],
                            "ports": [ { "containerPort": 8080 } ], "env": [] } ] },
                  "metadata": { "labels": { "app": "web" }, "annotations": { "b": "2", "a": "1" } }
                },
                "replicas": 3,
                "paused": false
              },
              "metadata": { "uid": "u-1", "annotations": { "z": "x" }, "labels": { "tier": "front", "app": "web" },
                            "namespace": "shop", "name": "web" },
              "kind": "Deployment",
              "apiVersion": "apps/v1"
            }
            """);

        var yaml = CanonicalYaml.Write(deployment);

        Assert.Equal(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: shop
              labels:
                app: web
                tier: front
              annotations:
                z: x
              uid: u-1
            spec:
              paused: false
              replicas: 3
              template:
                metadata:
                  labels:
                    app: web
                  annotations:
                    a: '1'
                    b: '2'
                spec:
                  containers:
                    - args:
                        - --port
                        - '8080'
                      env: []
                      image: nginx:1.25
                      name: web
                      ports:
                        - containerPort: 8080
            status: {}

            """.ReplaceLineEndings("\n"),
            yaml);
    }

    [Fact]
    public void Other_map_keys_sort_by_ordinal_so_upper_case_comes_before_lower_case()
    {
        var node = new JsonObject { ["b"] = 1, ["B"] = 2, ["a"] = 3, ["_"] = 4, ["Z"] = 5 };

        Assert.Equal("B: 2\nZ: 5\n_: 4\na: 3\nb: 1\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Null_map_entries_are_dropped_and_a_map_left_empty_becomes_braces()
    {
        var node = new JsonObject { ["a"] = null, ["b"] = new JsonObject { ["c"] = null }, ["d"] = 1 };

        Assert.Equal("b: {}\nd: 1\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Null_list_items_are_kept_as_null_so_later_items_keep_their_positions()
    {
        var node = new JsonObject { ["items"] = new JsonArray("a", null, "c") };

        Assert.Equal("items:\n  - a\n  - null\n  - c\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Empty_maps_and_lists_are_written_in_flow_style()
    {
        var node = new JsonObject { ["m"] = new JsonObject(), ["l"] = new JsonArray(), ["nested"] = new JsonArray(new JsonObject(), new JsonArray()) };

        Assert.Equal("l: []\nm: {}\nnested:\n  - {}\n  - []\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Numbers_are_written_as_the_json_text_gave_them_and_booleans_as_true_false()
    {
        var node = JsonNode.Parse("""{"a": 1.50, "b": -0, "c": 1e3, "d": 12345678901234567890, "e": true, "f": false, "g": 0.1}""");

        Assert.Equal("a: 1.50\nb: -0\nc: 1e3\nd: 12345678901234567890\ne: true\nf: false\ng: 0.1\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Lists_of_lists_and_lists_of_maps_put_the_first_entry_on_the_dash_line()
    {
        var node = JsonNode.Parse("""{"m": [[1, [2, 3]], {"b": 1, "a": {"c": 2}}]}""");

        Assert.Equal("m:\n  - - 1\n    - - 2\n      - 3\n  - a:\n      c: 2\n    b: 1\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Top_level_lists_scalars_and_empty_documents_are_written_too()
    {
        Assert.Equal("- a\n- 'true'\n", CanonicalYaml.Write(new JsonArray("a", "true")));
        Assert.Equal("'yes'\n", CanonicalYaml.Write(JsonValue.Create("yes")));
        Assert.Equal("|-\n  a\n  b\n", CanonicalYaml.Write(JsonValue.Create("a\nb")));
        Assert.Equal("{}\n", CanonicalYaml.Write(new JsonObject()));
        Assert.Equal("null\n", CanonicalYaml.Write(null));
    }

    [Fact]
    public void The_same_content_in_any_insertion_order_gives_byte_identical_output()
    {
        var first = JsonNode.Parse("""{"kind": "ConfigMap", "data": {"b": "2", "a": "1"}, "apiVersion": "v1", "metadata": {"name": "x"}}""");
        var second = JsonNode.Parse("""{"metadata": {"name": "x"}, "apiVersion": "v1", "data": {"a": "1", "b": "2"}, "kind": "ConfigMap"}""");

        Assert.Equal(CanonicalYaml.WriteUtf8Bytes(first), CanonicalYaml.WriteUtf8Bytes(second));
    }

    [Fact]
    public void Utf8_bytes_have_no_byte_order_mark_and_end_in_exactly_one_newline()
    {
        var bytes = CanonicalYaml.WriteUtf8Bytes(new JsonObject { ["name"] = "über", ["text"] = "a\nb\n" });

        Assert.Equal(Encoding.UTF8.GetBytes("name: über\ntext: |\n  a\n  b\n"), bytes);
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Values_wrapping_json_elements_and_clr_types_render_like_the_json_they_stand_for()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{"s": "0x1F", "n": null, "i": 7}""");
        var node = new JsonObject
        {
            ["string"] = JsonValue.Create(document.RootElement.GetProperty("s")),
            ["null"] = JsonValue.Create(document.RootElement.GetProperty("n")),
            ["int"] = JsonValue.Create(document.RootElement.GetProperty("i")),
            ["guid"] = JsonValue.Create(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e")),
            ["list"] = new JsonArray(JsonValue.Create(document.RootElement.GetProperty("n"))),
        };

        Assert.Equal("guid: 0f8fad5b-d9cb-469f-a165-70867728950e\nint: 7\nlist:\n  - null\nstring: '0x1F'\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_with_the_path_to_the_string()
    {
        var node = new JsonObject { ["data"] = new JsonObject { ["items"] = new JsonArray("ok", "bad\uD800") } };

        var error = Assert.Throws<ArgumentException>(() => CanonicalYaml.Write(node));

        Assert.Contains("data.items[1]", error.Message, StringComparison.Ordinal);
        Assert.Contains("surrogate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_longer_than_yaml_allows_is_refused_with_its_path()
    {
        var node = new JsonObject { ["spec"] = new JsonObject { [new string('k', 1025)] = 1 } };

        var error = Assert.Throws<ArgumentException>(() => CanonicalYaml.Write(node));

        Assert.Contains("spec.kkk", error.Message, StringComparison.Ordinal);
        Assert.Contains("1024", error.Message, StringComparison.Ordinal);
    }
}

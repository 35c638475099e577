using System.Text.Json.Nodes;
using CsCheck;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Yaml;

public class CanonicalYamlRoundTripProperties
{
    private static readonly Gen<JsonNode?> Leaf = Gen.Frequency(
        (6, TrickyStrings.Any.Select(text => (JsonNode?)JsonValue.Create(text))),
        (1, Gen.Int.Select(number => (JsonNode?)JsonValue.Create(number))),
        (1, Gen.Double[-1e9, 1e9].Select(number => (JsonNode?)JsonValue.Create(number))),
        (1, Gen.Bool.Select(flag => (JsonNode?)JsonValue.Create(flag))),
        (1, Gen.Const((JsonNode?)null)));

    private static Gen<JsonNode?> Tree(int depth) => depth == 0
        ? Leaf
        : Gen.Frequency((3, Leaf), (1, MapOf(Tree(depth - 1))), (1, ListOf(Tree(depth - 1))));

    private static Gen<JsonNode?> MapOf(Gen<JsonNode?> values) =>
        Gen.Select(TrickyStrings.Any, values).Array[0, 5].Select(entries =>
        {
            var map = new JsonObject();
            foreach (var (key, value) in entries)
            {
                map[key] = value;
            }

            return (JsonNode?)map;
        });

    private static string Describe(string text, string yaml) =>
        $"code points [{string.Join(' ', text.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))}] written as:\n{yaml}";

    private static Gen<JsonNode?> ListOf(Gen<JsonNode?> items) => items.Array[0, 5].Select(values => (JsonNode?)new JsonArray(values));

    [Fact]
    public void Every_string_reads_back_unchanged_as_a_value_a_key_and_a_list_item() =>
        TrickyStrings.Any.Sample(
            text =>
            {
                var node = new JsonObject
                {
                    ["value"] = text,
                    ["list"] = new JsonArray(text, "after"),
                    ["keys"] = new JsonObject { [text] = "v" },
                    ["zz"] = "after",
                };

                var yaml = CanonicalYaml.Write(node);

                Assert.True(JsonNode.DeepEquals(YamlDotNetReader.Expected(node), YamlDotNetReader.ReadAsText(yaml)), Describe(text, yaml));
            },
            iter: 4000);

    // Single-line strings only: YamlDotNet's type resolution also (wrongly) resolves literal block scalars such as
    // "|\n  -.Inf\n", which YAML never types implicitly; kubectl reads them as strings (see the kubectl fidelity tests).
    [Fact]
    public void Every_single_line_string_stays_a_string_when_the_reader_resolves_unquoted_scalars_to_types() =>
        TrickyStrings.Any.Where(text => !text.Contains('\n', StringComparison.Ordinal)).Sample(
            text =>
            {
                var yaml = CanonicalYaml.Write(new JsonObject { ["value"] = text, ["list"] = new JsonArray(text) });

                var read = (IDictionary<object, object?>)YamlDotNetReader.ReadResolvingTypes(yaml)!;

                Assert.Equal(text, Assert.IsType<string>(read["value"]));
                Assert.Equal(text, Assert.IsType<string>(((IList<object?>)read["list"]!)[0]));
            },
            iter: 4000);

    [Fact]
    public void Random_nested_maps_and_lists_read_back_as_the_same_tree() =>
        MapOf(Tree(3)).Sample(
            tree =>
            {
                var yaml = CanonicalYaml.Write(tree);

                Assert.True(JsonNode.DeepEquals(YamlDotNetReader.Expected(tree), YamlDotNetReader.ReadAsText(yaml)), yaml);
            },
            iter: 1500);

    [Fact]
    public void Output_ends_in_exactly_one_newline_and_does_not_depend_on_insertion_order() =>
        MapOf(Tree(2)).Sample(
            tree =>
            {
                var yaml = CanonicalYaml.Write(tree);
                var reversed = new JsonObject(((JsonObject)tree!).Reverse()
                    .Select(entry => KeyValuePair.Create(entry.Key, entry.Value?.DeepClone())));

                Assert.EndsWith("\n", yaml, StringComparison.Ordinal);
                Assert.False(yaml.EndsWith("\n\n", StringComparison.Ordinal), yaml);
                Assert.Equal(yaml, CanonicalYaml.Write(reversed));
            },
            iter: 1500);
}

using System.Text.Json.Nodes;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Yaml;

public class CanonicalYamlScalarStyles
{
    private static string ValueLine(string value) => CanonicalYaml.Write(new JsonObject { ["v"] = value, ["z"] = "end" });

    [Theory]
    [InlineData("hello")]
    [InlineData("nginx:1.25")]
    [InlineData("http://example.com/a?b=c")]
    [InlineData("--port=8080")]
    [InlineData("-Xmx512m")]
    [InlineData("a#b")]
    [InlineData("a,b[0]{x}")]
    [InlineData("10Gi")]
    [InlineData("500m")]
    [InlineData("it's")]
    [InlineData("_1")]
    [InlineData("über ✓ 日本")]
    [InlineData("a b c")]
    public void Unambiguous_strings_are_plain(string value) =>
        Assert.Equal($"v: {value}\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("TRUE")]
    [InlineData("yes")]
    [InlineData("No")]
    [InlineData("on")]
    [InlineData("OFF")]
    [InlineData("y")]
    [InlineData("N")]
    [InlineData("null")]
    [InlineData("NULL")]
    [InlineData("~")]
    [InlineData("=")]
    [InlineData("<<")]
    public void Booleans_nulls_and_special_keys_in_any_yaml_version_are_single_quoted(string value) =>
        Assert.Equal($"v: '{value}'\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("12")]
    [InlineData("-7")]
    [InlineData("+12")]
    [InlineData("012")]
    [InlineData("0x1F")]
    [InlineData("0X1f")]
    [InlineData("0o17")]
    [InlineData("0b101")]
    [InlineData("1_000")]
    [InlineData("+_1")]
    [InlineData("0x_1F")]
    [InlineData("1:20")]
    [InlineData("190:20:30.15")]
    [InlineData("1.5")]
    [InlineData(".5")]
    [InlineData("1.")]
    [InlineData("1e3")]
    [InlineData("1E-3")]
    [InlineData("1.4.2")]
    [InlineData("0x1p-2")]
    [InlineData(".inf")]
    [InlineData("-.Inf")]
    [InlineData("+.INF")]
    [InlineData(".nan")]
    [InlineData(".NaN")]
    [InlineData("Infinity")]
    [InlineData("2024-01-31")]
    [InlineData("2001-12-14t21:59:43.10-05:00")]
    [InlineData("2001-12-14 21:59:43.10 -5")]
    public void Numbers_and_timestamps_of_any_base_or_version_are_single_quoted(string value) =>
        Assert.Equal($"v: '{value}'\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("", "''")]
    [InlineData(" lead", "' lead'")]
    [InlineData("trail ", "'trail '")]
    [InlineData("-", "'-'")]
    [InlineData("- a", "'- a'")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("a #b", "'a #b'")]
    [InlineData("a *b", "'a *b'")]
    [InlineData("ends:", "'ends:'")]
    [InlineData(":x", "':x'")]
    [InlineData("?x", "'?x'")]
    [InlineData("*alias", "'*alias'")]
    [InlineData("&anchor", "'&anchor'")]
    [InlineData("!tag", "'!tag'")]
    [InlineData("|pipe", "'|pipe'")]
    [InlineData(">fold", "'>fold'")]
    [InlineData("%directive", "'%directive'")]
    [InlineData("@at", "'@at'")]
    [InlineData("`tick", "'`tick'")]
    [InlineData("{x", "'{x'")]
    [InlineData("[x", "'[x'")]
    [InlineData("]x", "']x'")]
    [InlineData("}x", "'}x'")]
    [InlineData(",x", "',x'")]
    [InlineData("#x", "'#x'")]
    [InlineData("---", "'---'")]
    [InlineData("...x", "'...x'")]
    [InlineData("'q", "'''q'")]
    [InlineData("\"dq", "'\"dq'")]
    public void Strings_with_indicators_or_edge_blanks_are_single_quoted(string value, string expected) =>
        Assert.Equal($"v: {expected}\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("nul\0", "\"nul\\x00\"")]
    [InlineData("bell\a", "\"bell\\x07\"")]
    [InlineData("cr\rx", "\"cr\\rx\"")]
    [InlineData("del\u007F", "\"del\\x7F\"")]
    [InlineData("c1\u009B", "\"c1\\x9B\"")]
    [InlineData("nel\u0085", "\"nel\\x85\"")]
    [InlineData("ls\u2028", "\"ls\\u2028\"")]
    [InlineData("\uFEFFbom", "\"\\uFEFFbom\"")]
    [InlineData("non\uFFFE", "\"non\\uFFFE\"")]
    [InlineData("q\"\\\t", "\"q\\\"\\\\\\t\"")]
    public void Strings_with_characters_that_need_escapes_are_double_quoted(string value, string expected) =>
        Assert.Equal($"v: {expected}\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("a\nb", "|-\n  a\n  b")]
    [InlineData("a\nb\n", "|\n  a\n  b")]
    [InlineData("a\nb\n\n", "|+\n  a\n  b\n")]
    [InlineData("a\n\n\nb", "|-\n  a\n\n\n  b")]
    [InlineData("\n\nlead", "|-\n\n\n  lead")]
    [InlineData("a\n  indented\n\tb", "|-\n  a\n    indented\n  \tb")]
    [InlineData("x: 1\n- y #z\n", "|\n  x: 1\n  - y #z")]
    [InlineData("true\n", "|\n  true")]
    public void Multi_line_strings_are_literal_blocks_with_chomping_that_keeps_trailing_newlines(string value, string expected) =>
        Assert.Equal($"v: {expected}\nz: end\n", ValueLine(value));

    [Theory]
    [InlineData("  first line indented\nx", "\"  first line indented\\nx\"")]
    [InlineData("\tfirst\nx", "\"\\tfirst\\nx\"")]
    [InlineData("trailing space \nx", "\"trailing space \\nx\"")]
    [InlineData("x\nblank line follows\n   \n", "\"x\\nblank line follows\\n   \\n\"")]
    [InlineData("crlf\r\nx", "\"crlf\\r\\nx\"")]
    [InlineData("ctl\u0001\nx", "\"ctl\\x01\\nx\"")]
    [InlineData("\n", "\"\\n\"")]
    [InlineData("\n\n", "\"\\n\\n\"")]
    public void Multi_line_strings_a_block_cannot_hold_exactly_are_double_quoted(string value, string expected) =>
        Assert.Equal($"v: {expected}\nz: end\n", ValueLine(value));

    [Fact]
    public void A_keep_chomped_block_at_the_end_of_the_document_is_double_quoted_so_the_file_ends_in_one_newline()
    {
        var yaml = CanonicalYaml.Write(new JsonObject { ["data"] = new JsonObject { ["script"] = "run\n\n" } });

        Assert.Equal("data:\n  script: \"run\\n\\n\"\n", yaml);
    }

    [Fact]
    public void Block_content_is_indented_two_spaces_deeper_than_its_key_or_dash()
    {
        var node = new JsonObject { ["a"] = new JsonObject { ["list"] = new JsonArray("x\ny", "p\nq\n") } };

        Assert.Equal("a:\n  list:\n    - |-\n      x\n      y\n    - |\n      p\n      q\n", CanonicalYaml.Write(node));
    }

    [Fact]
    public void Map_keys_follow_the_same_quoting_rules_as_values()
    {
        var node = new JsonObject { ["y"] = 1, ["on"] = 2, ["a: b"] = 3, ["plain"] = 4, ["tab\tkey"] = 5, ["multi\nline"] = 6, ["01"] = 7 };

        Assert.Equal(
            "'01': 7\n'a: b': 3\n\"multi\\nline\": 6\n'on': 2\nplain: 4\n\"tab\\tkey\": 5\n'y': 1\n",
            CanonicalYaml.Write(node));
    }
}

using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Writes JSON trees (one Kubernetes object each) as canonical YAML: the same input always gives the same bytes,
/// and every scalar reads back as the very same value in YAML 1.1 readers (kubectl, go-yaml) and YAML 1.2 readers.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Key order: at the root <c>apiVersion</c>, <c>kind</c>, <c>metadata</c>, <c>spec</c>, then the rest; in any map
/// held under a <c>metadata</c> key <c>name</c>, <c>namespace</c>, <c>labels</c>, <c>annotations</c>, then the rest;
/// everywhere else ordinal order.</item>
/// <item>Nulls: map entries whose value is null are dropped; null list items are written as <c>null</c>, because
/// dropping them would shift the positions of the items after them.</item>
/// <item>Strings: plain when no YAML 1.1 or 1.2 reader could take them as anything but that string; otherwise
/// single-quoted, or double-quoted when they hold characters that need escapes. Multi-line strings become literal
/// block scalars (<c>|-</c>, <c>|</c>, <c>|+</c> by their trailing newlines) unless a block cannot hold them exactly.</item>
/// <item>Numbers are written as the JSON text gave them; booleans as <c>true</c>/<c>false</c>; empty maps and lists as
/// <c>{}</c> and <c>[]</c>. The text ends in exactly one newline.</item>
/// </list>
/// </remarks>
public static class CanonicalYaml
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="node"/> as one canonical YAML document (no <c>---</c> marker).</summary>
    /// <exception cref="ArgumentException">A string holds an unpaired surrogate (it has no UTF-8 form), or a map key
    /// is longer than the 1024 characters a YAML implicit key may have. The message names the path in the tree.</exception>
    public static string Write(JsonNode? node) => new YamlDocumentWriter().Write(node);

    /// <summary>Writes <paramref name="node"/> as canonical YAML encoded as UTF-8 without a byte order mark.</summary>
    public static byte[] WriteUtf8Bytes(JsonNode? node) => Utf8WithoutBom.GetBytes(Write(node));
}

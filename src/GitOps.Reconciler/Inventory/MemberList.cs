using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Inventory;

/// <summary>
/// The inventory's member list, one line per object, as it is stored in the ConfigMap: hundreds of kilobytes at
/// thousands of objects, written twice and read once per run. <c>string.Join</c> and <c>JsonElement.GetString</c>
/// build a string that long in buffers from the shared array pool, growing by doubling, and the pool keeps them, per
/// thread: after 100 commits at 5,000 objects, the large object heap of a 55-thread agent held 80 such char arrays
/// (25 MB) and 33 byte arrays (9 MB). Here the list is joined into a string of exactly its length, and read from its
/// raw JSON, which for these lines (names, kinds and versions have no quotes or backslashes) only escapes the
/// newlines. With that, the large object heap after 100 commits was 8 MB.
/// </summary>
internal static class MemberList
{
    private const string EscapedNewline = "\\n";

    public static string Join(IReadOnlyList<string> lines)
    {
        var length = lines.Sum(l => l.Length) + Math.Max(0, lines.Count - 1);
        return string.Create(length, lines, static (span, lines) =>
        {
            var at = 0;
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    span[at++] = '\n';
                }

                lines[i].CopyTo(span[at..]);
                at += lines[i].Length;
            }
        });
    }

    /// <summary>The non-empty lines of a stored list (a JSON string), trimmed.</summary>
    public static IEnumerable<string> Read(JsonNode? stored)
    {
        const StringSplitOptions Options = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        if (stored is JsonValue value && value.TryGetValue<JsonElement>(out var element) && element.ValueKind == JsonValueKind.String)
        {
            var raw = element.GetRawText();
            var inner = raw[1..^1];
            if (OnlyNewlinesEscaped(inner))
            {
                return inner.Split(EscapedNewline, Options);
            }
        }

        return (stored?.GetValue<string>() ?? "").Split('\n', Options);
    }

    private static bool OnlyNewlinesEscaped(string raw)
    {
        for (var i = raw.IndexOf('\\', StringComparison.Ordinal); i >= 0; i = raw.IndexOf('\\', i + 2))
        {
            if (i + 1 >= raw.Length || raw[i + 1] != 'n')
            {
                return false;
            }
        }

        return true;
    }
}

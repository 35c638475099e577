using System.Globalization;
using System.Text;

namespace GitOps.Rendering.Yaml;

/// <summary>Chooses the style of one string scalar and writes it: plain, single-quoted, double-quoted or literal block.</summary>
internal static class ScalarFormatter
{
    /// <summary>Formats a map key: a key is always a single-line (plain or quoted) scalar.</summary>
    public static string Key(string key)
    {
        if (PlainScalarRules.CanBePlain(key))
        {
            return key;
        }

        return YamlCharacters.AllRawSafe(key) ? SingleQuoted(key) : DoubleQuoted(key);
    }

    /// <summary>
    /// Formats a string value that follows <c>key:</c> or <c>-</c>. The result starts with the character after the
    /// separating space; a literal block spans several lines, each content line indented by <paramref name="blockIndent"/>.
    /// </summary>
    /// <param name="text">The string.</param>
    /// <param name="blockIndent">Spaces before each line of a block scalar's content.</param>
    /// <param name="endsDocument">Whether nothing follows this scalar in the document: a <c>|+</c> block there would
    /// leave the file ending in more than one newline, so such strings are double-quoted instead.</param>
    public static string Value(string text, int blockIndent, bool endsDocument)
    {
        if (text.Contains('\n', StringComparison.Ordinal))
        {
            return LiteralBlock.TryWrite(text, blockIndent, endsDocument) ?? DoubleQuoted(text);
        }

        return Key(text);
    }

    public static string SingleQuoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";

    public static string DoubleQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case var raw when YamlCharacters.IsRawSafe(raw):
                    builder.Append(raw);
                    break;
                case < '\u0100':
                    builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        return builder.Append('"').ToString();
    }
}

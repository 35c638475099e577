using System.Text;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Literal block scalars (<c>|</c>) for multi-line strings, so scripts, config files and certificates stay readable
/// in the rendered YAML and in diffs. The chomping indicator follows the trailing newlines: none <c>|-</c>, one
/// <c>|</c>, more <c>|+</c>.
/// </summary>
internal static class LiteralBlock
{
    /// <summary>Returns the block text (header line plus content lines), or null when a block cannot hold the string exactly.</summary>
    public static string? TryWrite(string text, int indent, bool endsDocument)
    {
        var content = text.TrimEnd('\n');
        var trailingNewlines = text.Length - content.Length;
        if (!CanHold(content) || (trailingNewlines > 1 && endsDocument))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length + 16);
        builder.Append(trailingNewlines switch { 0 => "|-", 1 => "|", _ => "|+" }).Append('\n');
        foreach (var line in content.Split('\n'))
        {
            if (line.Length > 0)
            {
                builder.Append(' ', indent).Append(line);
            }

            builder.Append('\n');
        }

        builder.Append('\n', Math.Max(0, trailingNewlines - 1));
        return builder.ToString(0, builder.Length - 1);
    }

    // A block loses or changes: trailing blanks on a line (editors and git tooling strip them, and a blank-only line
    // would read as empty), a first content line starting with a blank (it would set the indentation), characters
    // that only exist escaped, and a string with no content line at all.
    private static bool CanHold(string content)
    {
        var lines = content.Split('\n');
        var firstContent = Array.Find(lines, line => line.Length > 0);
        if (firstContent is null || firstContent[0] is ' ' or '\t')
        {
            return false;
        }

        foreach (var line in lines)
        {
            if (line.Length > 0 && line[^1] is ' ' or '\t')
            {
                return false;
            }

            foreach (var c in line)
            {
                if (c != '\t' && !YamlCharacters.IsRawSafe(c))
                {
                    return false;
                }
            }
        }

        return true;
    }
}

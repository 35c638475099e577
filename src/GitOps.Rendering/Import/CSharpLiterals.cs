using Microsoft.CodeAnalysis.CSharp;
using System.Globalization;
using System.Text;

namespace GitOps.Rendering.Import;

/// <summary>C# source text for literals and type names, and the layout rule for initializers.</summary>
internal static class CSharpLiterals
{
    /// <summary>Initializers up to this width stay on one line; longer ones get one member per line.</summary>
    public const int InlineWidth = 100;

    /// <summary>
    /// A string literal: a raw string literal for multi-line text (readable config files), a regular one otherwise.
    /// </summary>
    public static string String(string value)
    {
        if (value.Contains('\n', StringComparison.Ordinal) && CanBeRaw(value))
        {
            // The closing delimiter sits in column 0, so the content needs no indentation and keeps it exactly;
            // the final newline before the delimiter is not part of the value, hence the extra one.
            var quotes = new string('"', Math.Max(3, LongestQuoteRun(value) + 1));
            return $"{quotes}\n{value}\n{quotes}";
        }

        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    public static string Integer(long value) => value is >= int.MinValue and <= int.MaxValue
        ? value.ToString(CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Double(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    public static string Bool(bool value) => value ? "true" : "false";

    /// <summary>Puts members inline when short, else one per line with trailing commas.</summary>
    public static string Block(string open, IReadOnlyList<string> members, string close, string emptyForm)
    {
        if (members.Count == 0)
        {
            return emptyForm;
        }

        var inline = open == "[" ? $"[{string.Join(", ", members)}]" : $"{open} {string.Join(", ", members)} {close}";
        if (inline.Length <= InlineWidth && !members.Any(member => member.Contains('\n', StringComparison.Ordinal)))
        {
            return inline;
        }

        // Nested lines are indented relative to the member that holds them, so the text comes out laid out the way
        // the formatter would; it leaves collection expression items where they are, so this matters.
        // A collection expression or initializer opens on its own line, as in the rest of this codebase.
        var text = new StringBuilder();
        if (open is "[" or "{")
        {
            text.Append('\n');
        }

        // Allman braces: "new T {" opens as "new T", then "{" on the next line.
        text.Append(open.EndsWith(" {", StringComparison.Ordinal) ? open[..^2] + "\n{" : open.TrimEnd()).Append('\n');
        foreach (var member in members)
        {
            // Raw string literals keep their content exactly when every line, closing quotes included, moves alike.
            foreach (var line in (member + ",").Split('\n'))
            {
                text.Append(line.Length > 0 ? "    " + line : line).Append('\n');
            }
        }

        return text.Append(close).ToString();
    }

    /// <summary>Indents every line after the first, for an expression that starts at that indentation.</summary>
    public static string Indent(string text, int spaces)
    {
        var prefix = new string(' ', spaces);
        return string.Join('\n', text.Split('\n').Select((line, i) => i == 0 || line.Length == 0 ? line : prefix + line));
    }

    /// <summary>The C# name of a model or framework type, short where the scripts import its namespace.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner)
        {
            return TypeName(inner) + "?";
        }

        if (type.IsArray)
        {
            return TypeName(type.GetElementType()!) + "[]";
        }

        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
        }

        return type switch
        {
            _ when type == typeof(string) => "string",
            _ when type == typeof(int) => "int",
            _ when type == typeof(long) => "long",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(double) => "double",
            _ when type == typeof(byte) => "byte",
            _ when type == typeof(object) => "object",
            _ => type.Name,
        };
    }

    private static bool CanBeRaw(string value) =>
        !value.Contains('\r', StringComparison.Ordinal)
        && !value.StartsWith('\n')
        && value.All(c => c == '\n' || c == '\t' || !char.IsControl(c))
        // Raw literal lines that hold only whitespace are fine, but a first or last content line must not be
        // whitespace-only in a way the compiler would trim; the check after formatting catches the rest.
        && !value.Split('\n').Any(line => line.Length > 0 && line.Trim().Length == 0);

    private static int LongestQuoteRun(string value)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '"' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}

using System.Text.RegularExpressions;

namespace GitOps.Rendering.Yaml;

/// <summary>
/// Decides whether a string may be written as a plain (unquoted) scalar: only when its syntax is unambiguous and
/// no YAML 1.1 or 1.2 reader would resolve it to a null, boolean, number or timestamp instead of that string.
/// </summary>
/// <remarks>
/// The number rules are deliberately wider than any one schema: YAML 1.1 accepts <c>1_000</c>, <c>0x1F</c>,
/// sexagesimal <c>1:20</c> and even <c>1.2.3</c> as a float, go-yaml strips underscores before parsing, and YAML 1.2
/// adds <c>0o17</c>. Quoting a string such as a version <c>1.4.2</c> costs nothing; leaving a number-like one
/// plain can change its type in someone's reader.
/// </remarks>
internal static partial class PlainScalarRules
{
    private const string LeadingIndicators = "-?:,[]{}#&*!|>'\"%@`";
    private const string NumberHints = "+-.0123456789";

    private static readonly HashSet<string> ReservedWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "~", "null",
        "true", "false", "yes", "no", "y", "n", "on", "off",
        ".inf", "+.inf", "-.inf", ".nan", "inf", "+inf", "-inf", "nan",
        "infinity", "+infinity", "-infinity", ".infinity", "+.infinity", "-.infinity",
        "=", "<<",
    };

    public static bool CanBePlain(string text) =>
        text.Length > 0
        && YamlCharacters.AllRawSafe(text)
        && text[0] != ' ' && text[^1] != ' '
        && !StartsWithIndicator(text)
        && !text.Contains(": ", StringComparison.Ordinal)
        && !text.Contains(" #", StringComparison.Ordinal)
        && !text.Contains(" *", StringComparison.Ordinal) // YamlDotNet misreads a plain key holding " *" as an alias.
        && text[^1] != ':'
        && !text.StartsWith("---", StringComparison.Ordinal)
        && !text.StartsWith("...", StringComparison.Ordinal)
        && !ResolvesToAnotherType(text);

    /// <summary>True when some YAML 1.1 or 1.2 reader would read <paramref name="text"/>, unquoted, as a non-string.</summary>
    public static bool ResolvesToAnotherType(string text)
    {
        if (text.Length == 0 || ReservedWords.Contains(text) || TimestampPrefix().IsMatch(text))
        {
            return true;
        }

        return NumberHints.Contains(text[0], StringComparison.Ordinal)
            && NumberLike().IsMatch(text.Replace("_", string.Empty, StringComparison.Ordinal));
    }

    private static bool StartsWithIndicator(string text)
    {
        if (text[0] == '-')
        {
            // "-x" is a plain scalar in every YAML version (command-line flags rely on it); "-" or "- x" is a list.
            return text.Length == 1 || text[1] == ' ';
        }

        return LeadingIndicators.Contains(text[0], StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex TimestampPrefix();

    // Hex (with Go's hex floats), octal and binary in either case, or anything made of digits, dots, colons, signs
    // and exponent letters: decimal ints and floats, sexagesimal numbers, YAML 1.1's "1.2.3" float.
    [GeneratedRegex(@"^[-+]?(0x[0-9a-f]*(\.[0-9a-f]*)?(p[-+]?[0-9]+)?|0o[0-7]*|0b[01]*|[0-9.][0-9.:e+-]*)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex NumberLike();
}

using CsCheck;

namespace GitOps.Rendering.Tests.Yaml;

/// <summary>Generators of strings that stress a YAML writer: special tokens, indicators, blanks, controls and unicode.</summary>
internal static class TrickyStrings
{
    public static readonly string[] Tokens =
    [
        "", " ", "~", "null", "Null", "NULL", "true", "True", "FALSE", "yes", "No", "ON", "off", "y", "N", "=", "<<",
        "0", "-0", "012", "0x1F", "0X1f", "0o17", "0O17", "0b101", "+12", "-12", "1_000", "+_1", "1:20", "-1:20:30",
        "1.5", ".5", "1.", "1e3", "1E+3", "-1.5e-3", "1.4.2", "0x1p-2", ".inf", "-.Inf", "+.INF", ".nan", ".NaN", "inf",
        "NaN", "2024-01-31", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "12:30:00",
        "-", "- ", "--", "---", "...", "?", "? x", ":", ": ", "a:", "a: b", "#", " #", "a #b", "*a", "&a", "!a", "!!str",
        "|", ">", "'", "\"", "%", "@", "`", "{", "}", "[", "]", ",", "{a: 1}", "[1, 2]", "\\", "\\n",
        "\t", "\n", "\r", "\r\n", "\0", "\u0007", "\u001B", "\u007F", "\u0085", "\u00A0", "\u2028", "\u2029", "\uFEFF",
        "\uFFFE", "\uFFFF", "\U0001F600", "日本", "é", "\u200B",
    ];

    private static readonly Gen<string> TokenGen = Gen.OneOf(Tokens);

    private static readonly Gen<string> CharGen = Gen.Frequency(
        (8, Gen.Char["abcxyzABC0129 -_:#'\"\\.,!&*?|>%@`{}[]+=/"].Select(c => c.ToString())),
        (2, Gen.Char["\n\t\r "].Select(c => c.ToString())),
        (1, Gen.Char['\u0000', '\u001F'].Select(c => c.ToString())),
        (1, Gen.Char['\u007F', '\u00A0'].Select(c => c.ToString())),
        (2, Gen.Char['\u00A1', '\uD7FF'].Select(c => c.ToString())),
        (1, Gen.Char['\uE000', '\uFFFF'].Select(c => c.ToString())),
        (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)));

    /// <summary>Concatenations of tokens and random characters: most land on a boundary of some quoting rule.</summary>
    public static readonly Gen<string> Any =
        Gen.Frequency((1, TokenGen), (3, CharGen)).Array[0, 6].Select(parts => string.Concat(parts));
}

namespace GitOps.Rendering.Yaml;

/// <summary>Which characters may stand unescaped in YAML text that every reader we target accepts.</summary>
internal static class YamlCharacters
{
    /// <summary>
    /// True for characters that YAML 1.1 and 1.2 both print as themselves outside double quotes. Tabs, line breaks
    /// (including NEL, LS and PS, which YAML 1.1 treats as line breaks), the byte order mark, C0/C1 controls and
    /// non-characters are left out: they only ever appear escaped. Surrogates are judged in pairs by
    /// <see cref="IsUnpairedSurrogate"/>.
    /// </summary>
    public static bool IsRawSafe(char c) => c switch
    {
        >= ' ' and <= '~' => true,
        '\u0085' or '\u2028' or '\u2029' or '\uFEFF' => false,
        >= '\u00A0' and <= '\uD7FF' => true,
        >= '\uD800' and <= '\uDFFF' => true,
        >= '\uE000' and <= '\uFFFD' => true,
        _ => false,
    };

    /// <summary>True when <paramref name="text"/> at <paramref name="index"/> is half of a surrogate pair with no other half.</summary>
    public static bool IsUnpairedSurrogate(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        }

        return char.IsLowSurrogate(c) && (index == 0 || !char.IsHighSurrogate(text[index - 1]));
    }

    public static int IndexOfUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsUnpairedSurrogate(text, i))
            {
                return i;
            }
        }

        return -1;
    }

    public static bool AllRawSafe(string text)
    {
        foreach (var c in text)
        {
            if (!IsRawSafe(c))
            {
                return false;
            }
        }

        return true;
    }
}

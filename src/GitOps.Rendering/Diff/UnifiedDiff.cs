using DiffPlex;
using DiffPlex.Renderer;

namespace GitOps.Rendering.Diff;

/// <summary>Line-based unified diffs (<c>--- a</c>, <c>+++ b</c>, <c>@@</c> hunks with 3 lines of context), as git prints them.</summary>
public static class UnifiedDiff
{
    private static readonly UnidiffRenderer Renderer = new(Differ.Instance, contextLines: 3);

    /// <summary>The unified diff from <paramref name="before"/> to <paramref name="after"/>; empty when they are equal.</summary>
    public static string Create(string? before, string? after, string beforeName, string afterName)
    {
        before ??= "";
        after ??= "";
        if (string.Equals(before, after, StringComparison.Ordinal))
        {
            return "";
        }

        var text = Renderer.Generate(before, after, beforeName, afterName, ignoreWhitespace: false, ignoreCase: false);
        return text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";
    }
}

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

        // DiffPlex counts the empty string after a final newline as a line of its own; git does not. Keep the
        // newline only when it is the whole difference.
        var (trimmedBefore, trimmedAfter) = (before.EndsWith('\n') ? before[..^1] : before, after.EndsWith('\n') ? after[..^1] : after);
        if (!string.Equals(trimmedBefore, trimmedAfter, StringComparison.Ordinal))
        {
            (before, after) = (trimmedBefore, trimmedAfter);
        }

        var text = Renderer.Generate(before, after, beforeName, afterName, ignoreWhitespace: false, ignoreCase: false);
        text = text.ReplaceLineEndings("\n").TrimEnd('\n') + "\n";

        // An empty side starts at line 0 in git's hunk headers (DiffPlex says 1), which `git apply` insists on.
        if (before.Length == 0)
        {
            text = text.Replace("\n@@ -1,0 ", "\n@@ -0,0 ", StringComparison.Ordinal);
        }

        if (after.Length == 0)
        {
            text = text.Replace(" +1,0 @@", " +0,0 @@", StringComparison.Ordinal);
        }

        return text;
    }
}

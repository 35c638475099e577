using System.Text.RegularExpressions;

namespace GitOps.Cli.Tests.Image;

/// <summary>
/// The patterns of a .dockerignore (Go filepath.Match per path plus <c>**</c>, as Docker's builder matches them), enough to
/// tell whether a repository-relative path is left out of the build context. A pattern also excludes what lies under a
/// matching folder; <c>!</c> exceptions re-include.
/// </summary>
internal sealed class DockerIgnore(IReadOnlyList<(Regex Pattern, bool Exclude)> patterns)
{
    public static DockerIgnore Read(string path) =>
        new(!File.Exists(path) ? []
            : File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'))
                .Select(l => l.StartsWith('!') ? (ToRegex(l[1..]), false) : (ToRegex(l), true)).ToList());

    public bool Excludes(string relativePath)
    {
        var excluded = false;
        var prefixes = relativePath.Split('/').Select((_, i) => string.Join('/', relativePath.Split('/').Take(i + 1))).ToList();
        foreach (var (pattern, exclude) in patterns)
        {
            if (prefixes.Any(pattern.IsMatch))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static Regex ToRegex(string pattern)
    {
        var text = pattern.Trim('/');
        var regex = Regex.Escape(text)
            .Replace(@"\*\*/", "(.*/)?", StringComparison.Ordinal)
            .Replace(@"\*\*", ".*", StringComparison.Ordinal)
            .Replace(@"\*", "[^/]*", StringComparison.Ordinal)
            .Replace(@"\?", "[^/]", StringComparison.Ordinal);
        return new Regex($"^{regex}$", RegexOptions.CultureInvariant);
    }
}

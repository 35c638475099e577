using System.Text.RegularExpressions;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Infers how an environment decorates names (its prefix and suffix, and the content hash generated ConfigMaps and
/// Secrets carry) so that <c>staging-web</c> and <c>prod-web</c> are seen as the same object of two environments.
/// </summary>
/// <remarks>
/// Every namespaced object an environment defines gets its prefix and suffix, so the true prefix is a prefix of
/// the names' longest common prefix, cut at a <c>-</c> or <c>.</c>. Of those candidates (and likewise suffixes),
/// the combination that pairs the most objects across the two environments wins; on a tie, the least stripping.
/// </remarks>
internal static partial class EnvironmentNaming
{
    public static (Func<RenderedObjectFile, string> Base, Func<RenderedObjectFile, string> Head) Infer(
        IReadOnlyList<RenderedObjectFile> baseObjects, IReadOnlyList<RenderedObjectFile> headObjects)
    {
        var best = (Score: -1, Stripped: int.MaxValue, Base: Decoration.None, Head: Decoration.None);
        foreach (var left in Candidates(baseObjects))
        {
            var baseKeys = baseObjects.Select(o => Key(o, left)).ToHashSet(StringComparer.Ordinal);
            foreach (var right in Candidates(headObjects))
            {
                var score = headObjects.Count(o => baseKeys.Contains(Key(o, right)));
                var stripped = left.Length + right.Length;
                if (score > best.Score || (score == best.Score && stripped < best.Stripped))
                {
                    best = (score, stripped, left, right);
                }
            }
        }

        var (baseDecoration, headDecoration) = (best.Base, best.Head);
        return (o => Key(o, baseDecoration), o => Key(o, headDecoration));
    }

    /// <summary>The name without the environment's decoration and the generated content hash.</summary>
    public static string BareName(RenderedObjectFile file, Decoration decoration)
    {
        var name = WithoutHash(file);
        if (file.Namespace.Length == 0)
        {
            return name;
        }

        if (name.Length > decoration.Length && name.StartsWith(decoration.Prefix, StringComparison.Ordinal) && name.EndsWith(decoration.Suffix, StringComparison.Ordinal))
        {
            return name[decoration.Prefix.Length..^decoration.Suffix.Length];
        }

        return name;
    }

    private static string Key(RenderedObjectFile file, Decoration decoration) =>
        ObjectAlignment.Join(file.App, file.Group, file.Kind, BareName(file, decoration));

    private static string WithoutHash(RenderedObjectFile file) =>
        file.Kind is "ConfigMap" or "Secret" && ContentHash().IsMatch(file.Name) ? ContentHash().Replace(file.Name, "") : file.Name;

    private static IEnumerable<Decoration> Candidates(IReadOnlyList<RenderedObjectFile> objects)
    {
        var names = objects.Where(o => o.Namespace.Length > 0).Select(WithoutHash).ToList();
        if (names.Count == 0)
        {
            return [Decoration.None];
        }

        var prefixes = Cuts(CommonPrefix(names), fromStart: true);
        var suffixes = Cuts(new string(CommonPrefix(names.Select(n => new string(n.Reverse().ToArray())).ToList()).Reverse().ToArray()), fromStart: false);
        return prefixes.SelectMany(prefix => suffixes.Select(suffix => new Decoration(prefix, suffix)));
    }

    /// <summary>"" and every piece of <paramref name="common"/> that ends (or, for suffixes, starts) at a separator.</summary>
    private static List<string> Cuts(string common, bool fromStart)
    {
        var cuts = new List<string> { "" };
        for (var i = 0; i < common.Length; i++)
        {
            if (common[i] is '-' or '.')
            {
                cuts.Add(fromStart ? common[..(i + 1)] : common[i..]);
            }
        }

        return cuts;
    }

    private static string CommonPrefix(List<string> names)
    {
        var prefix = names[0];
        foreach (var name in names.Skip(1))
        {
            var length = 0;
            while (length < prefix.Length && length < name.Length && prefix[length] == name[length])
            {
                length++;
            }

            prefix = prefix[..length];
        }

        return prefix;
    }

    [GeneratedRegex("-[0-9a-f]{10}$")]
    private static partial Regex ContentHash();

    internal sealed record Decoration(string Prefix, string Suffix)
    {
        public static readonly Decoration None = new("", "");

        public int Length => Prefix.Length + Suffix.Length;
    }
}

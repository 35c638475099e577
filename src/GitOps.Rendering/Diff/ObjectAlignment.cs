namespace GitOps.Rendering.Diff;

/// <summary>
/// Pairs the objects of two sides. Keys are tried from strict to loose; under each key, objects still unpaired are
/// paired only when the key is unique on both sides, so a loose key never pairs the wrong two objects.
/// </summary>
internal static class ObjectAlignment
{
    public sealed record Result(
        IReadOnlyList<(RenderedObjectFile Base, RenderedObjectFile Head)> Pairs,
        IReadOnlyList<RenderedObjectFile> OnlyInBase,
        IReadOnlyList<RenderedObjectFile> OnlyInHead);

    public static Result Align(
        IReadOnlyList<RenderedObjectFile> baseObjects,
        IReadOnlyList<RenderedObjectFile> headObjects,
        params (Func<RenderedObjectFile, string> Base, Func<RenderedObjectFile, string> Head)[] keys)
    {
        var pairs = new List<(RenderedObjectFile, RenderedObjectFile)>();
        var unpairedBase = baseObjects.ToList();
        var unpairedHead = headObjects.ToList();
        foreach (var (baseKey, headKey) in keys)
        {
            var heads = unpairedHead.GroupBy(headKey, StringComparer.Ordinal).Where(g => g.Count() == 1)
                .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);
            var bases = unpairedBase.GroupBy(baseKey, StringComparer.Ordinal).Where(g => g.Count() == 1).Select(g => g.Single());
            foreach (var left in bases.ToList())
            {
                if (heads.TryGetValue(baseKey(left), out var right))
                {
                    pairs.Add((left, right));
                    unpairedBase.Remove(left);
                    unpairedHead.Remove(right);
                }
            }
        }

        return new Result(pairs, unpairedBase, unpairedHead);
    }

    /// <summary>The object's identity: app, API group, kind, namespace, name.</summary>
    public static string Identity(RenderedObjectFile file) => Join(file.App, file.Group, file.Kind, file.Namespace, file.Name);

    public static string Join(params string[] parts) => string.Join('\0', parts);
}

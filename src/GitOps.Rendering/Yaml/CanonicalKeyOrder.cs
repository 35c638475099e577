namespace GitOps.Rendering.Yaml;

/// <summary>
/// The fixed order of map keys. Kubernetes readers do not care, but people reading diffs do: the identity of an
/// object comes first, and every other key sits where a sorted listing puts it, so two renders diff line by line.
/// </summary>
internal static class CanonicalKeyOrder
{
    private static readonly string[] RootKeys = ["apiVersion", "kind", "metadata", "spec"];
    private static readonly string[] MetadataKeys = ["name", "namespace", "labels", "annotations"];

    public static IComparer<string> ForRoot { get; } = new PriorityThenOrdinal(RootKeys);

    public static IComparer<string> ForMetadata { get; } = new PriorityThenOrdinal(MetadataKeys);

    public static IComparer<string> Ordinal { get; } = StringComparer.Ordinal;

    private sealed class PriorityThenOrdinal(string[] priority) : IComparer<string>
    {
        public int Compare(string? x, string? y)
        {
            var xRank = Rank(x);
            var yRank = Rank(y);
            return xRank != yRank ? xRank.CompareTo(yRank) : string.CompareOrdinal(x, y);
        }

        private int Rank(string? key)
        {
            var index = Array.IndexOf(priority, key);
            return index < 0 ? priority.Length : index;
        }
    }
}

using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// The shared version of an object across environments (each field takes the value most environments have, ties
/// to the earlier environment) and the operations that turn the shared version into one environment's.
/// </summary>
internal static class JsonMerge
{
    /// <summary>Merges values (null = absent) given in environment order.</summary>
    public static JsonNode? Shared(IReadOnlyList<JsonNode?> values)
    {
        var objects = values.OfType<JsonObject>().ToList();
        if (objects.Count > 0 && objects.Count >= values.Count - objects.Count)
        {
            // Most environments hold a map here: share it field by field among them; the others replace it.
            var keys = objects.SelectMany(value => value.Select(pair => pair.Key)).Distinct(StringComparer.Ordinal).ToList();
            var merged = new JsonObject();
            foreach (var key in keys)
            {
                var shared = Shared(objects.Select(value => value[key]).ToList());
                if (shared is not null)
                {
                    merged[key] = shared;
                }
            }

            return merged;
        }

        if (KeyedListNames(values) is not null)
        {
            var lists = values.Cast<JsonArray>().ToList();
            return new JsonArray(Enumerable.Range(0, lists[0].Count).Select(i => Shared(lists.Select(list => list[i]).ToList())).ToArray());
        }

        var groups = values.Select((value, index) => (Text: value is null ? null : JsonTrees.Canonical(value), Value: value, Index: index))
            .GroupBy(entry => entry.Text ?? "\0absent", StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.First().Index)
            .First();
        return groups.First().Value?.DeepClone();
    }

    /// <summary>The operations that turn <paramref name="shared"/> into <paramref name="target"/>.</summary>
    public static List<PatchOperation> Difference(JsonNode? shared, JsonNode? target, IReadOnlyList<PathSegment>? path = null)
    {
        path ??= [];
        var operations = new List<PatchOperation>();
        switch (shared, target)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(pair => pair.Key).Concat(b.Select(pair => pair.Key)).Distinct(StringComparer.Ordinal))
                {
                    operations.AddRange(Difference(a[key], b[key], [.. path, new PathSegment.Key(key)]));
                }

                break;
            case (JsonArray a, JsonArray b) when KeyedListNames([a, b]) is { } names:
                var inMetadata = a.Count > 0 && !JsonTrees.IsString(a[0]!["name"]);
                for (var i = 0; i < a.Count; i++)
                {
                    operations.AddRange(Difference(a[i], b[i], [.. path, new PathSegment.Named(names[i], inMetadata)]));
                }

                break;
            default:
                if (!JsonTrees.SemanticallyEqual(shared, target))
                {
                    operations.Add(new PatchOperation(path, target?.DeepClone()));
                }

                break;
        }

        return operations;
    }

    /// <summary>Applies operations to a copy, as the script's patches will.</summary>
    public static JsonObject Apply(JsonObject shared, IEnumerable<PatchOperation> operations)
    {
        var copy = (JsonObject)shared.DeepClone();
        foreach (var operation in operations)
        {
            JsonNode parent = copy;
            foreach (var segment in operation.Path.SkipLast(1))
            {
                parent = Step(parent, segment)!;
            }

            switch (operation.Path[^1])
            {
                case PathSegment.Key key when operation.Value is null:
                    ((JsonObject)parent).Remove(key.Name);
                    break;
                case PathSegment.Key key:
                    ((JsonObject)parent)[key.Name] = operation.Value.DeepClone();
                    break;
                case PathSegment.Named named:
                    var list = (JsonArray)parent;
                    var index = list.IndexOf(list.First(item => ItemName(item) == named.Name));
                    list[index] = operation.Value?.DeepClone();
                    break;
                case PathSegment.Index position:
                    ((JsonArray)parent)[position.Position] = operation.Value?.DeepClone();
                    break;
                default:
                    break;
            }
        }

        return copy;
    }

    public static JsonNode? Step(JsonNode? node, PathSegment segment) => segment switch
    {
        PathSegment.Key key => node?[key.Name],
        PathSegment.Named named => (node as JsonArray)?.FirstOrDefault(item => ItemName(item) == named.Name),
        PathSegment.Index index => node?[index.Position],
        _ => null,
    };

    /// <summary>A list item's key: its <c>name</c>, else its <c>metadata.name</c> (as in claim templates).</summary>
    private static string? ItemName(JsonNode? item) =>
        item is not JsonObject map ? null
        : JsonTrees.IsString(map["name"]) ? (string)map["name"]!
        : map["name"] is null && JsonTrees.IsString(map["metadata"]?["name"]) ? (string)map["metadata"]!["name"]!
        : null;

    /// <summary>
    /// The item names when every value is a list of maps with distinct string <c>name</c>s in the same order
    /// (containers, env vars, ports, volumes, claim templates), so items can be compared one by one.
    /// </summary>
    private static List<string>? KeyedListNames(IReadOnlyList<JsonNode?> values)
    {
        if (values.Count == 0 || !values.All(value => value is JsonArray))
        {
            return null;
        }

        List<string>? names = null;
        foreach (JsonArray list in values.Cast<JsonArray>())
        {
            if (!list.All(item => ItemName(item) is not null))
            {
                return null;
            }

            var these = list.Select(item => ItemName(item)!).ToList();
            if (these.Distinct(StringComparer.Ordinal).Count() != these.Count || (names is not null && !names.SequenceEqual(these, StringComparer.Ordinal)))
            {
                return null;
            }

            names = these;
        }

        return names;
    }
}

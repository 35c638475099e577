using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Compares two versions of an object field by field. Lists of maps are matched by a merge key the way
/// <c>kubectl</c>'s strategic merge does (containers and env vars by <c>name</c>, ports by <c>containerPort</c>,
/// mounts by <c>mountPath</c>), so inserting a container reports one added container, not every later one changed.
/// </summary>
public static partial class FieldDiffer
{
    // Tried in order; the first key that every item of both lists holds, uniquely, wins. "metadata.name" keys
    // volumeClaimTemplates.
    private static readonly string[] MergeKeys = ["name", "containerPort", "mountPath", "port", "ip", "type", "metadata.name"];

    /// <summary>The changed leaves between <paramref name="before"/> and <paramref name="after"/>, in document order.</summary>
    public static IReadOnlyList<FieldChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<FieldChange>();
        Compare(before, after, "", changes);
        return changes;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<FieldChange> changes)
    {
        switch (before, after)
        {
            case (JsonObject left, JsonObject right):
                CompareMaps(left, right, path, changes);
                break;
            case (JsonArray left, JsonArray right):
                CompareLists(left, right, path, changes);
                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    changes.Add(new FieldChange(path, ChangeKind.Changed, before?.DeepClone(), after?.DeepClone()));
                }

                break;
        }
    }

    private static void CompareMaps(JsonObject left, JsonObject right, string path, List<FieldChange> changes)
    {
        foreach (var (key, value) in left)
        {
            var child = Child(path, key);
            if (right.TryGetPropertyValue(key, out var other))
            {
                Compare(value, other, child, changes);
            }
            else
            {
                changes.Add(new FieldChange(child, ChangeKind.Removed, value?.DeepClone(), null));
            }
        }

        foreach (var (key, value) in right)
        {
            if (!left.ContainsKey(key))
            {
                changes.Add(new FieldChange(Child(path, key), ChangeKind.Added, null, value?.DeepClone()));
            }
        }
    }

    private static void CompareLists(JsonArray left, JsonArray right, string path, List<FieldChange> changes)
    {
        var key = MergeKeyOf(left, right);
        if (key is null)
        {
            for (var index = 0; index < Math.Max(left.Count, right.Count); index++)
            {
                var item = $"{path}[{index}]";
                if (index >= right.Count)
                {
                    changes.Add(new FieldChange(item, ChangeKind.Removed, left[index]?.DeepClone(), null));
                }
                else if (index >= left.Count)
                {
                    changes.Add(new FieldChange(item, ChangeKind.Added, null, right[index]?.DeepClone()));
                }
                else
                {
                    Compare(left[index], right[index], item, changes);
                }
            }

            return;
        }

        var rightByKey = right.ToDictionary(item => KeyText(Lookup(item, key)), item => item, StringComparer.Ordinal);
        var leftKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in left)
        {
            var value = KeyText(Lookup(item, key));
            leftKeys.Add(value);
            var itemPath = $"{path}[{key}={value}]";
            if (rightByKey.TryGetValue(value, out var other))
            {
                Compare(item, other, itemPath, changes);
            }
            else
            {
                changes.Add(new FieldChange(itemPath, ChangeKind.Removed, item!.DeepClone(), null));
            }
        }

        foreach (var item in right.Where(item => !leftKeys.Contains(KeyText(Lookup(item, key)))))
        {
            changes.Add(new FieldChange($"{path}[{key}={KeyText(Lookup(item, key))}]", ChangeKind.Added, null, item!.DeepClone()));
        }
    }

    private static string? MergeKeyOf(JsonArray left, JsonArray right)
    {
        var items = left.Concat(right).ToList();
        if (items.Count == 0 || items.Any(item => item is not JsonObject))
        {
            return null;
        }

        return MergeKeys.FirstOrDefault(key =>
            items.All(item => Lookup(item, key) is JsonValue) && Unique(left, key) && Unique(right, key));
    }

    private static bool Unique(JsonArray list, string key) =>
        list.Select(item => KeyText(Lookup(item, key))).Distinct(StringComparer.Ordinal).Count() == list.Count;

    private static JsonNode? Lookup(JsonNode? item, string key) =>
        key.Split('.').Aggregate(item, (node, part) => node is JsonObject map ? map[part] : null);

    private static string KeyText(JsonNode? value) => value is JsonValue scalar && scalar.TryGetValue<string>(out var text) ? text : value?.ToJsonString() ?? "null";

    private static string Child(string path, string key)
    {
        if (PlainKey().IsMatch(key))
        {
            return path.Length == 0 ? key : $"{path}.{key}";
        }

        return $"{path}[{JsonValue.Create(key).ToJsonString()}]";
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex PlainKey();
}

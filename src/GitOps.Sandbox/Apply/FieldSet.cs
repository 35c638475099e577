using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Apply;

/// <summary>
/// A set of field paths as structured-merge-diff keeps it: a trie keyed by fieldsV1 path elements
/// (<c>f:name</c>, <c>k:{"name":"x"}</c>, <c>v:"value"</c>, <c>i:0</c>). A node is in the set when
/// <see cref="Member"/> is true; fieldsV1 writes that as <c>{}</c> for leaves and <c>".": {}</c> otherwise.
/// </summary>
internal sealed class FieldSet
{
    private Dictionary<string, FieldSet>? children;

    public bool Member { get; set; }

    public bool IsEmpty => !Member && (children is null || children.Values.All(child => child.IsEmpty));

    public IEnumerable<KeyValuePair<string, FieldSet>> Children => children ?? Enumerable.Empty<KeyValuePair<string, FieldSet>>();

    /// <summary>Children in fieldsV1 order (field names, keys, values, indices; each ordinal).</summary>
    public IEnumerable<KeyValuePair<string, FieldSet>> OrderedChildren =>
        children is null ? Enumerable.Empty<KeyValuePair<string, FieldSet>>() : children.OrderBy(pair => pair.Key, PathElementOrder.Instance);

    /// <summary>O(1) emptiness for sets built by the set operations, which never keep empty children.</summary>
    private bool IsTriviallyEmpty => !Member && (children is null || children.Count == 0);

    public bool HasChildren => children is { Count: > 0 };

    public FieldSet? Find(string key) => children is not null && children.TryGetValue(key, out var child) ? child : null;

    public FieldSet GetOrAdd(string key)
    {
        children ??= new Dictionary<string, FieldSet>(StringComparer.Ordinal);
        if (!children.TryGetValue(key, out var child))
        {
            child = new FieldSet();
            children[key] = child;
        }

        return child;
    }

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var key in path)
        {
            node = node.GetOrAdd(key);
        }

        node.Member = true;
    }

    public void RemoveChild(string key) => children?.Remove(key);

    /// <summary>Sets the subtree at <paramref name="key"/> to a copy of <paramref name="subtree"/>.</summary>
    public void Put(string key, FieldSet subtree)
    {
        RemoveChild(key);
        GetOrAdd(key).CopyFrom(subtree);
    }

    public FieldSet Clone()
    {
        var copy = new FieldSet { Member = Member };
        foreach (var (key, child) in Children)
        {
            copy.GetOrAdd(key).CopyFrom(child);
        }

        return copy;
    }

    public FieldSet Union(FieldSet other)
    {
        var result = Clone();
        result.AddAll(other);
        return result;
    }

    public FieldSet Difference(FieldSet other)
    {
        var result = new FieldSet { Member = Member && !other.Member };
        foreach (var (key, child) in Children)
        {
            var otherChild = other.Find(key);
            var rest = otherChild is null ? child.Clone() : child.Difference(otherChild);
            if (!rest.IsTriviallyEmpty && (otherChild is not null || !rest.IsEmpty))
            {
                result.Attach(key, rest);
            }
        }

        return result;
    }

    public FieldSet Intersection(FieldSet other)
    {
        var result = new FieldSet { Member = Member && other.Member };
        foreach (var (key, child) in Children)
        {
            if (other.Find(key) is { } otherChild)
            {
                var common = child.Intersection(otherChild);
                if (!common.IsTriviallyEmpty)
                {
                    result.Attach(key, common);
                }
            }
        }

        return result;
    }

    /// <summary>Member paths in order, for conflict reports.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths()
    {
        var prefix = new List<string>();
        return Collect(this, prefix);

        static IEnumerable<IReadOnlyList<string>> Collect(FieldSet node, List<string> prefix)
        {
            if (node.Member)
            {
                yield return prefix.ToArray();
            }

            foreach (var (key, child) in node.OrderedChildren)
            {
                prefix.Add(key);
                foreach (var path in Collect(child, prefix))
                {
                    yield return path;
                }

                prefix.RemoveAt(prefix.Count - 1);
            }
        }
    }

    public bool SetEquals(FieldSet other) => Difference(other).IsEmpty && other.Difference(this).IsEmpty;

    public JsonObject ToFieldsV1()
    {
        var json = new JsonObject();
        if (Member && HasChildren)
        {
            json["."] = new JsonObject();
        }

        foreach (var (key, child) in OrderedChildren)
        {
            if (!child.IsEmpty)
            {
                json[key] = child.ToFieldsV1();
            }
        }

        return json;
    }

    public static FieldSet FromFieldsV1(JsonObject json)
    {
        var set = new FieldSet();
        Read(set, json, isRoot: true);
        return set;

        static void Read(FieldSet node, JsonObject json, bool isRoot)
        {
            if (json.Count == 0 && !isRoot)
            {
                node.Member = true;
            }

            foreach (var (key, value) in json)
            {
                if (key == ".")
                {
                    node.Member = true;
                }
                else if (value is JsonObject child)
                {
                    Read(node.GetOrAdd(key), child, isRoot: false);
                }
            }
        }
    }

    /// <summary>A path as apimachinery prints it: <c>.spec.template.spec.containers[name="web"].image</c>.</summary>
    public static string Describe(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var element in path)
        {
            var body = element[2..];
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    var key = JsonNode.Parse(body)!.AsObject();
                    text.Append('[').AppendJoin(",", key.Select(pair => $"{pair.Key}={pair.Value!.ToJsonString(CompactJson.Options)}")).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    private void Attach(string key, FieldSet child)
    {
        children ??= new Dictionary<string, FieldSet>(StringComparer.Ordinal);
        children[key] = child;
    }

    private void CopyFrom(FieldSet source)
    {
        Member = source.Member;
        foreach (var (key, child) in source.Children)
        {
            GetOrAdd(key).CopyFrom(child);
        }
    }

    private void AddAll(FieldSet other)
    {
        Member |= other.Member;
        foreach (var (key, child) in other.Children)
        {
            GetOrAdd(key).AddAll(child);
        }
    }

    /// <summary>fieldsV1 order: field names, then keys, then values, then indices; each ordinal.</summary>
    private sealed class PathElementOrder : IComparer<string>
    {
        public static readonly PathElementOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var rank = Rank(x![0]).CompareTo(Rank(y![0]));
            return rank != 0 ? rank : string.CompareOrdinal(x, y);
        }

        private static int Rank(char kind) => kind switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };
    }
}

internal static class CompactJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

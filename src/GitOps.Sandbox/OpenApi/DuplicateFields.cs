using System.Globalization;
using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOps.Sandbox.OpenApi;

/// <summary>A key that appears twice in one mapping: where (strict-decoder path), which key, and on which line (1-based).</summary>
internal sealed record DuplicateField(string Path, string Key, int Line);

/// <summary>
/// Finds keys repeated within one mapping of a request body, which a plain parse silently collapses
/// (the last one wins) but Kubernetes reports under strict field validation.
/// </summary>
internal static class DuplicateFields
{
    /// <summary>Paths (<c>.spec.replicas</c>) of keys that appear twice in one mapping, in document order.</summary>
    public static IReadOnlyList<string> Find(string body, bool isYaml) =>
        [.. FindWithLines(body, isYaml).Select(duplicate => duplicate.Path)];

    /// <summary>Every repeated key with its path and line; empty for a body that does not parse.</summary>
    public static IReadOnlyList<DuplicateField> FindWithLines(string body, bool isYaml)
    {
        try
        {
            // JSON is YAML too (KubernetesClient sends apply patches as JSON); the JSON reader is far cheaper.
            return isYaml && !body.AsSpan().TrimStart().StartsWith("{") ? InYaml(body) : InJson(body);
        }
        catch (Exception exception) when (exception is JsonException or YamlException or InvalidOperationException)
        {
            // Malformed bodies are the decoder's to report, with its own message.
            return [];
        }
    }

    /// <summary>
    /// One open mapping or sequence. Frames know their parent and their place in it, so the path of a duplicate is
    /// spelled out only when one is found: most bodies have none, and this runs on every write.
    /// </summary>
    private sealed class Frame(Frame? parent, string? keyInParent, int indexInParent, bool isMapping)
    {
        public Frame? Parent { get; } = parent;
        public string? KeyInParent { get; } = keyInParent;
        public int IndexInParent { get; } = indexInParent;
        public bool IsMapping { get; } = isMapping;
        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        public string? PendingKey { get; set; }
        public int Index { get; set; }
        public bool ExpectingKey { get; set; } = true;

        public Frame Child(bool childIsMapping) => new(this, IsMapping ? PendingKey : null, Index, childIsMapping);

        public string PathTo(string key)
        {
            var segments = new List<string> { "." + key };
            for (var frame = this; frame.Parent is { } up; frame = up)
            {
                segments.Add(up.IsMapping ? "." + frame.KeyInParent : string.Create(CultureInfo.InvariantCulture, $"[{frame.IndexInParent}]"));
            }

            segments.Reverse();
            return string.Concat(segments);
        }

        /// <summary>Records that one value of this container has been read.</summary>
        public void ValueDone()
        {
            if (IsMapping)
            {
                ExpectingKey = true;
            }
            else
            {
                Index++;
            }
        }
    }

    private static List<DuplicateField> InJson(string body)
    {
        var found = new List<DuplicateField>();
        var bytes = Encoding.UTF8.GetBytes(body);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, AllowMultipleValues = true });
        var stack = new Stack<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    stack.Push(stack.TryPeek(out var parent) ? parent.Child(isObject) : new Frame(null, null, 0, isObject));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.Pop();
                    if (stack.TryPeek(out var container))
                    {
                        container.ValueDone();
                    }

                    break;
                case JsonTokenType.PropertyName:
                    var frame = stack.Peek();
                    var key = reader.GetString()!;
                    frame.PendingKey = key;
                    if (!frame.Keys.Add(key))
                    {
                        found.Add(new DuplicateField(frame.PathTo(key), key, LineOf(bytes, reader.TokenStartIndex)));
                    }

                    break;
                default:
                    if (stack.TryPeek(out var owner))
                    {
                        owner.ValueDone();
                    }

                    break;
            }
        }

        return found;
    }

    private static int LineOf(byte[] bytes, long offset) => 1 + bytes.AsSpan(0, (int)offset).Count((byte)'\n');

    private static List<DuplicateField> InYaml(string body)
    {
        var found = new List<DuplicateField>();
        var parser = new Parser(new StringReader(body));
        var stack = new Stack<Frame>();
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart:
                    stack.Clear();
                    break;
                case MappingStart or SequenceStart:
                    var isMapping = parser.Current is MappingStart;
                    if (stack.TryPeek(out var parent) && parent is { IsMapping: true, ExpectingKey: true })
                    {
                        // A complex key: not something Kubernetes objects contain; read it as an anonymous value.
                        parent.ExpectingKey = false;
                        parent.PendingKey = "?";
                    }

                    stack.Push(parent is null ? new Frame(null, null, 0, isMapping) : parent.Child(isMapping));
                    break;
                case MappingEnd or SequenceEnd:
                    stack.Pop();
                    if (stack.TryPeek(out var container))
                    {
                        container.ValueDone();
                    }

                    break;
                case Scalar scalar when stack.TryPeek(out var frame) && frame is { IsMapping: true, ExpectingKey: true }:
                    frame.ExpectingKey = false;
                    frame.PendingKey = scalar.Value;
                    if (!frame.Keys.Add(scalar.Value))
                    {
                        found.Add(new DuplicateField(frame.PathTo(scalar.Value), scalar.Value, (int)scalar.Start.Line));
                    }

                    break;
                case Scalar or AnchorAlias:
                    if (stack.TryPeek(out var owner))
                    {
                        owner.ValueDone();
                    }

                    break;
            }
        }

        return found;
    }
}

using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;

namespace GitOps.Sandbox.Http;

/// <summary>Label selectors (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>) and field selectors (<c>metadata.name=x</c>).</summary>
internal sealed class Selectors
{
    private readonly List<Func<JsonObject, bool>> requirements = [];

    public static Selectors Parse(string? labelSelector, string? fieldSelector)
    {
        var selectors = new Selectors();
        foreach (var term in SplitTerms(labelSelector))
        {
            selectors.requirements.Add(LabelRequirement(term));
        }

        foreach (var term in SplitTerms(fieldSelector))
        {
            selectors.requirements.Add(FieldRequirement(term));
        }

        return selectors;
    }

    public bool Matches(JsonObject obj) => requirements.All(requirement => requirement(obj));

    private static Func<JsonObject, bool> LabelRequirement(string term)
    {
        string? Label(JsonObject obj, string key) => obj["metadata"]?["labels"]?[key]?.GetValue<string>();
        var inIndex = term.IndexOf(" in ", StringComparison.Ordinal);
        var notInIndex = term.IndexOf(" notin ", StringComparison.Ordinal);
        if (notInIndex > 0)
        {
            var key = term[..notInIndex].Trim();
            var values = SetValues(term[(notInIndex + 7)..]);
            return obj => Label(obj, key) is not { } value || !values.Contains(value);
        }

        if (inIndex > 0)
        {
            var key = term[..inIndex].Trim();
            var values = SetValues(term[(inIndex + 4)..]);
            return obj => Label(obj, key) is { } value && values.Contains(value);
        }

        if (term.Contains("!=", StringComparison.Ordinal))
        {
            var (key, value) = Split(term, "!=");
            return obj => Label(obj, key) != value;
        }

        if (term.Contains('=', StringComparison.Ordinal))
        {
            var (key, value) = Split(term, term.Contains("==", StringComparison.Ordinal) ? "==" : "=");
            return obj => Label(obj, key) == value;
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return obj => Label(obj, key) is null;
        }

        var exists = term.Trim();
        return obj => Label(obj, exists) is not null;
    }

    private static Func<JsonObject, bool> FieldRequirement(string term)
    {
        var negate = term.Contains("!=", StringComparison.Ordinal);
        var (path, value) = Split(term, negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=");
        if (!path.Contains('.', StringComparison.Ordinal))
        {
            throw ApiException.BadRequest($"field label not supported: {path}");
        }

        var segments = path.Split('.');
        return obj =>
        {
            JsonNode? node = obj;
            foreach (var segment in segments)
            {
                node = node?[segment];
            }

            var actual = node is null ? "" : node is JsonValue scalar ? scalar.ToString() : node.ToJsonString();
            return (actual == value) != negate;
        };
    }

    private static HashSet<string> SetValues(string text) =>
        text.Trim().TrimStart('(').TrimEnd(')').Split(',').Select(v => v.Trim()).ToHashSet(StringComparer.Ordinal);

    private static (string Key, string Value) Split(string term, string separator)
    {
        var index = term.IndexOf(separator, StringComparison.Ordinal);
        return (term[..index].Trim(), term[(index + separator.Length)..].Trim());
    }

    /// <summary>Splits on commas that are not inside a parenthesised set.</summary>
    private static IEnumerable<string> SplitTerms(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            yield break;
        }

        var depth = 0;
        var start = 0;
        for (var i = 0; i < selector.Length; i++)
        {
            depth += selector[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (selector[i] == ',' && depth == 0)
            {
                yield return selector[start..i];
                start = i + 1;
            }
        }

        yield return selector[start..];
    }
}

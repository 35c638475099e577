using System.Globalization;
using System.Text;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Http;

/// <summary>
/// Chunked LIST as the API server does it (<c>limit</c> and <c>continue</c>, which client-go's pager and
/// <c>kubectl get --chunk-size</c> send): items in key order, at most <c>limit</c> of them, and a continue token
/// naming the last key returned when more remain. The token carries the resourceVersion of the first page, so all
/// pages report the same list version.
/// </summary>
internal sealed record ListPage(IReadOnlyList<StoredObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount)
{
    public static ListPage Select(IReadOnlyList<StoredObject> matching, long resourceVersion, string? limitText, string? continueText)
    {
        var start = 0;
        if (!string.IsNullOrEmpty(continueText))
        {
            var (version, lastKey) = Decode(continueText);
            resourceVersion = version;

            // Items are in key order: resume after the last key returned, even if that object is gone by now.
            while (start < matching.Count && string.CompareOrdinal(Key(matching[start]), lastKey) <= 0)
            {
                start++;
            }
        }

        var limit = ParseLimit(limitText);
        var count = limit is { } l ? Math.Min(l, matching.Count - start) : matching.Count - start;
        var page = matching.Skip(start).Take(count).ToList();
        var remaining = matching.Count - start - count;
        return remaining > 0
            ? new ListPage(page, resourceVersion, Encode(resourceVersion, Key(page[^1])), remaining)
            : new ListPage(page, resourceVersion, null, null);
    }

    private static int? ParseLimit(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw ApiException.BadRequest($"limit: invalid value \"{text}\": must be a non-negative integer");
        }

        // As on a real server, 0 means no limit.
        return limit == 0 ? null : (int)Math.Min(limit, int.MaxValue);
    }

    private static string Key(StoredObject item) => $"{item.Namespace}/{item.Name}";

    private static string Encode(long resourceVersion, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{resourceVersion}\n{lastKey}")));

    private static (long ResourceVersion, string LastKey) Decode(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var newline = text.IndexOf('\n', StringComparison.Ordinal);
            if (newline > 0 && long.TryParse(text.AsSpan(0, newline), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return (version, text[(newline + 1)..]);
            }
        }
        catch (FormatException)
        {
            // Reported below like any other malformed token.
        }

        throw ApiException.BadRequest($"continue: invalid value \"{token}\": the continue token is not valid");
    }
}

using System.Text.Json;

namespace GitOps.Reconciler.Hosting;

/// <summary>What the agent reads from a webhook body: the ref a GitHub-style push payload names, if any.</summary>
internal static class WebhookPayload
{
    /// <summary>
    /// The <c>ref</c> of a push payload (<c>refs/heads/main</c>), or null when the body has none: a ping, another
    /// event, or a plain "fetch now" from a script, which all trigger a fetch.
    /// </summary>
    public static string? PushedRef(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isRef = reader.ValueTextEquals("ref"u8);
                reader.Read();
                if (isRef && reader.TokenType == JsonTokenType.String)
                {
                    return reader.GetString();
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // Not JSON: treated like a payload without a ref.
        }

        return null;
    }

    /// <summary>True when a push to <paramref name="pushedRef"/> cannot change <paramref name="branch"/>.</summary>
    public static bool IsOtherBranch(string? pushedRef, string branch) =>
        pushedRef is not null && !string.Equals(pushedRef, $"refs/heads/{branch}", StringComparison.Ordinal) && !string.Equals(pushedRef, branch, StringComparison.Ordinal);
}

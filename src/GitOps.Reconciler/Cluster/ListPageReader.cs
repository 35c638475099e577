using System.Text.Json;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// Reads one LIST page from its response stream an item at a time, in a buffer sized by the largest item rather than
/// by the page. Parsing the whole body first cost each page of 250 objects several large-object-heap arrays of its size
/// (the body as it arrived, its copy and the parsed document's copy): about 12 MiB more committed heap while the agent
/// listed 5,000 objects, which was its peak. Each item is parsed on its own, offered to <c>settle</c>, and, unless
/// settled, kept as a copy detached from the buffer.
/// </summary>
internal static class ListPageReader
{
    /// <summary>Below the large object heap's threshold (85,000 bytes); grows only for an item larger than this.</summary>
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>The page's items (those <paramref name="settle"/> did not settle) and its continue token.</summary>
    /// <exception cref="JsonException">The body is not a JSON object, or ends before it is complete.</exception>
    public static async Task<ListPage> ReadAsync(Stream body, Func<JsonElement, bool>? settle, CancellationToken cancellationToken)
    {
        var page = new Parse(settle);
        var buffer = new byte[InitialBufferSize];
        var filled = 0;
        var final = false;
        while (page.Position != Position.Done)
        {
            if (filled == buffer.Length)
            {
                // One value does not fit: make room for it rather than fail.
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await body.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            filled += read;
            final = read == 0;
            var consumed = page.Advance(buffer, filled, final);
            if (final && page.Position != Position.Done)
            {
                throw new JsonException($"the list response ended after {filled - consumed} unread bytes, before the list was complete");
            }

            // Keep the value that is not complete yet at the start of the buffer; the next read appends the rest.
            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }

        return new ListPage(page.Items, page.Continue);
    }

    private enum Position
    {
        Start,
        TopLevel,
        Items,
        Done,
    }

    /// <summary>Where the reading of one page is, between reads of its stream.</summary>
    private sealed class Parse(Func<JsonElement, bool>? settle)
    {
        private JsonReaderState state;

        public Position Position { get; private set; } = Position.Start;

        public List<JsonElement> Items { get; } = [];

        public string? Continue { get; private set; }

        /// <summary>
        /// Reads every value complete in <c>buffer[..length]</c>; returns how many bytes it used. A value cut off by the
        /// end of the data is left whole, from its first byte, for the next call.
        /// </summary>
        public int Advance(byte[] buffer, int length, bool final)
        {
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), final, state);
            var consumed = 0;
            while (Position != Position.Done && Step(ref reader, buffer))
            {
                consumed = (int)reader.BytesConsumed;
                state = reader.CurrentState;
            }

            return consumed;
        }

        /// <summary>Reads one token or whole value; false (reader to be discarded) when the data ends inside it.</summary>
        private bool Step(ref Utf8JsonReader reader, byte[] buffer)
        {
            if (!reader.Read())
            {
                return false;
            }

            switch (Position)
            {
                case Position.Start:
                    Position = reader.TokenType == JsonTokenType.StartObject ? Position.TopLevel : throw new JsonException("the list response is not a JSON object");
                    return true;
                case Position.TopLevel when reader.TokenType == JsonTokenType.EndObject:
                    Position = Position.Done;
                    return true;
                case Position.TopLevel:
                    return TopLevelProperty(ref reader, buffer);
                case Position.Items when reader.TokenType == JsonTokenType.EndArray:
                    Position = Position.TopLevel;
                    return true;
                default:
                    var start = (int)reader.TokenStartIndex;
                    if (!reader.TrySkip())
                    {
                        return false;
                    }

                    if (reader.TokenType == JsonTokenType.EndObject)
                    {
                        Item(buffer.AsMemory(start, (int)reader.BytesConsumed - start));
                    }

                    return true;
            }
        }

        /// <summary>A property of the list: its items are read one by one, its metadata for the continue token.</summary>
        private bool TopLevelProperty(ref Utf8JsonReader reader, byte[] buffer)
        {
            var isItems = reader.ValueTextEquals("items"u8);
            var isMetadata = reader.ValueTextEquals("metadata"u8);
            if (!reader.Read())
            {
                return false;
            }

            if (isItems && reader.TokenType == JsonTokenType.StartArray)
            {
                Position = Position.Items;
                return true;
            }

            var start = (int)reader.TokenStartIndex;
            if (!reader.TrySkip())
            {
                return false;
            }

            if (isMetadata && reader.TokenType == JsonTokenType.EndObject)
            {
                using var metadata = JsonDocument.Parse(buffer.AsMemory(start, (int)reader.BytesConsumed - start));
                Continue = metadata.RootElement.TryGetProperty("continue", out var next) && next.ValueKind == JsonValueKind.String
                    && next.GetString() is { Length: > 0 } text ? text : null;
            }

            return true;
        }

        private void Item(ReadOnlyMemory<byte> json)
        {
            // Parsed in place (its metadata in a pooled array of the item's size), copied only when kept.
            using var item = JsonDocument.Parse(json);
            if (settle?.Invoke(item.RootElement) != true)
            {
                Items.Add(item.RootElement.Clone());
            }
        }
    }
}

/// <summary>The kept items of one LIST page and the token for the next page (null on the last one).</summary>
internal sealed record ListPage(List<JsonElement> Items, string? Continue);

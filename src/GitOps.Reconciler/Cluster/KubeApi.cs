using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// The few REST calls the reconciler makes, sent through our own authenticated connection as raw JSON so any kind
/// (built-in or custom) goes the same way. Every call retries on 429 (honouring Retry-After), 5xx, timeouts
/// and dropped connections; every call is idempotent (apply, get, delete), so a retry after a lost response is safe.
/// </summary>
internal sealed class KubeApi(KubeConnection connection, RetryPolicy retry) : IDisposable
{
    public const string FieldManager = "gitops";

    /// <summary>The API server's URL (it names per-server caches).</summary>
    public Uri BaseUri => connection.BaseUri;

    /// <summary>Objects per LIST page: bounds the size of one response whatever the number of objects.</summary>
    public const int ListPageSize = 250;

    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return response.Status == HttpStatusCode.NotFound ? null : Expect(response, "GET", path);
    }

    /// <summary>
    /// Every item of a collection, read in pages of <see cref="ListPageSize"/> (<c>limit</c>/<c>continue</c>, as
    /// client-go's pager does), so no single response, nor the buffers that hold it, grows with the object count.
    /// The items stay parsed documents (no node tree): comparing a thousand unchanged objects on them costs a fraction
    /// of building nodes first. Null when the collection is not served (404).
    /// With <paramref name="settle"/>, each item is offered to it as its page arrives: one it settles is dropped, the
    /// others are kept as copies detached from their page, so no page outlives its own loop however many there are.
    /// </summary>
    public async Task<List<JsonElement>?> ListElementsAsync(string collectionPath, CancellationToken cancellationToken, Func<JsonElement, bool>? settle = null)
    {
        var items = new List<JsonElement>();
        string? token = null;
        do
        {
            // A collection path may carry its own query (a label selector).
            var path = collectionPath + (collectionPath.Contains('?', StringComparison.Ordinal) ? '&' : '?') + $"limit={ListPageSize}" + (token is null ? "" : $"&continue={Uri.EscapeDataString(token)}");
            var (status, page, text) = await SendAsync($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path), (content, ct) => ReadPageAsync(content, settle, ct), cancellationToken);
            if (status == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (page is null)
            {
                throw Unexpected(status, text, "GET", path);
            }

            items.AddRange(page.Items);
            token = page.Continue;
        }
        while (token is not null);
        return items;
    }

    /// <summary>Every item of a collection as nodes (see <see cref="ListElementsAsync"/>); null on 404.</summary>
    public async Task<List<JsonObject>?> ListAsync(string collectionPath, CancellationToken cancellationToken) =>
        (await ListElementsAsync(collectionPath, cancellationToken))?.Select(i => JsonObject.Create(i)!).ToList();

    /// <summary>Server-side apply with force; returns the object as stored (or as it would be, for a dry run).</summary>
    public Task<JsonObject> ApplyAsync(string path, JsonObject body, bool dryRun, CancellationToken cancellationToken) =>
        ApplyAsync(path, JsonBody.Serialize(body), dryRun, cancellationToken);

    /// <summary>Server-side apply of a parsed body, sent as the JSON it was parsed from.</summary>
    public Task<JsonObject> ApplyAsync(string path, JsonElement body, bool dryRun, CancellationToken cancellationToken) =>
        ApplyAsync(path, JsonMarshal.GetRawUtf8Value(body).ToArray(), dryRun, cancellationToken);

    private async Task<JsonObject> ApplyAsync(string path, ReadOnlyMemory<byte> json, bool dryRun, CancellationToken cancellationToken)
    {
        // Strict validation turns a typo in a manifest into an error naming the field instead of a silently dropped field.
        var query = $"?fieldManager={FieldManager}&force=true&fieldValidation=Strict" + (dryRun ? "&dryRun=All" : "");
        var response = await SendAsync(
            $"apply {path}",
            () => new HttpRequestMessage(HttpMethod.Patch, path + query)
            {
                Content = new ReadOnlyMemoryContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/apply-patch+yaml") { CharSet = "utf-8" } } },
            },
            cancellationToken);
        return Expect(response, dryRun ? "dry-run apply" : "apply", path);
    }

    /// <summary>
    /// JSON merge patch (RFC 7396): sets the fields given, removes those given as null and keeps every other one, in one
    /// request; null when the object does not exist.
    /// </summary>
    public async Task<JsonObject?> MergePatchAsync(string path, JsonObject patch, string fieldManager, CancellationToken cancellationToken)
    {
        var json = patch.ToJsonString();
        var response = await SendAsync(
            $"PATCH {path}",
            () => new HttpRequestMessage(HttpMethod.Patch, $"{path}?fieldManager={Uri.EscapeDataString(fieldManager)}")
            {
                Content = new StringContent(json, Encoding.UTF8, "application/merge-patch+json"),
            },
            cancellationToken);
        return response.Status == HttpStatusCode.NotFound ? null : Expect(response, "PATCH", path);
    }

    /// <summary>Creates an object (POST); a 409 means it already exists.</summary>
    public async Task<JsonObject> CreateAsync(string collectionPath, JsonObject body, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        var response = await SendAsync(
            $"POST {collectionPath}",
            () => new HttpRequestMessage(HttpMethod.Post, collectionPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            cancellationToken);
        return Expect(response, "POST", collectionPath);
    }

    /// <summary>Deletes in the background; false when the object is already gone.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var response = await SendAsync($"DELETE {path}", () => new HttpRequestMessage(HttpMethod.Delete, path + "?propagationPolicy=Background"), cancellationToken);
        if (response.Status == HttpStatusCode.NotFound)
        {
            return false;
        }

        Expect(response, "DELETE", path);
        return true;
    }

    private static JsonObject Expect(Response response, string verb, string path) =>
        JsonObject.Create(ExpectElement(response, verb, path))!;

    private static JsonElement ExpectElement(Response response, string verb, string path) =>
        response.Json is { ValueKind: JsonValueKind.Object } json ? json : throw Unexpected(response.Status, response.Text, verb, path);

    private static KubeApiException Unexpected(HttpStatusCode status, string text, string verb, string path) =>
        new(status, (int)status is >= 200 and < 300
            ? $"{verb} {path}: the response is not a JSON object"
            : $"{verb} {path}: {(int)status} {StatusMessage(text)}");

    /// <summary>One LIST page read as it streams in (see <see cref="ListPageReader"/>); null when it is not a JSON list.</summary>
    private static async Task<ListPage?> ReadPageAsync(HttpContent content, Func<JsonElement, bool>? settle, CancellationToken cancellationToken)
    {
        using var body = await content.ReadAsStreamAsync(cancellationToken);
        try
        {
            return await ListPageReader.ReadAsync(body, settle, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string StatusMessage(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["message"]?.GetValue<string>() ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private async Task<Response> SendAsync(string what, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        var (status, json, text) = await SendAsync(what, createRequest, ParseAsync, cancellationToken);
        return new Response(status, json, text);
    }

    /// <summary>
    /// Sends a request until it gets an answer that is final (a success or an error a retry will not change); a success
    /// body is read by <paramref name="readSuccess"/>, any other returned as text. A body that drops mid-read is retried
    /// whole, so the reader starts afresh each attempt.
    /// </summary>
    private async Task<(HttpStatusCode Status, T? Value, string Text)> SendAsync<T>(
        string what, Func<HttpRequestMessage> createRequest, Func<HttpContent, CancellationToken, Task<T?>> readSuccess, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(retry.RequestTimeout);
            TimeSpan? retryAfter = null;
            string failure;
            var refusedBefore = connection.CertificateRefusals;
            try
            {
                using var request = createRequest();
                request.RequestUri = new Uri(connection.BaseUri, request.RequestUri!.OriginalString.TrimStart('/'));
                await connection.AuthenticateAsync(request, timeout.Token);
                using var response = await connection.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                if (response.IsSuccessStatusCode)
                {
                    return (response.StatusCode, await readSuccess(response.Content, timeout.Token), "");
                }

                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (!IsRetryable(response.StatusCode))
                {
                    return (response.StatusCode, default, body);
                }

                retryAfter = RetryAfter(response);
                failure = $"{(int)response.StatusCode} {StatusMessage(body)}";
            }
            catch (HttpRequestException) when (connection.CertificateRefusals != refusedBefore && !cancellationToken.IsCancellationRequested)
            {
                // An untrusted server certificate stays untrusted: no retry, and an error that says why.
                throw new KubeApiException(HttpStatusCode.ServiceUnavailable, $"{what}: TLS connection to {connection.BaseUri.Authority} refused: {connection.CertificateRefusal}");
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                // IOException: the connection dropped while the body was streamed.
                failure = $"connection failed: {Describe(e)}";
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"no answer within {retry.RequestTimeout.TotalSeconds:0.#}s";
            }

            if (attempt >= retry.MaxAttempts)
            {
                throw new KubeApiException(HttpStatusCode.ServiceUnavailable, $"{what}: gave up after {attempt} attempts: {failure}");
            }

            await Task.Delay(retry.DelayFor(attempt, retryAfter), cancellationToken);
        }
    }

    /// <summary>
    /// Parses a success body from its bytes: no UTF-16 copy of a large LIST. Read whole into an array of its own rather
    /// than streamed: System.Text.Json buffers a whole JSON value before it can return it as an element, in arrays it
    /// rents from the shared pool and returns there, so every LIST page used to leave a pooled array of its size behind
    /// for good. In an idle agent that had applied 5,000 objects, 26 arrays of 256 KiB were left; with the body read
    /// into an array of its own (collected like any other), 8, and the heap went from 19.3 to 12.1 MB.
    /// </summary>
    private static async Task<JsonElement?> ParseAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var body = await content.ReadAsByteArrayAsync(cancellationToken);
        try
        {
            // The element owns a copy of the bytes; nodes made from it (JsonObject.Create) stay backed by it until changed.
            return JsonSerializer.Deserialize<JsonElement>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The message with its causes: "The SSL connection could not be established" alone does not say why.</summary>
    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
        {
            if (!messages.Contains(cause.Message))
            {
                messages.Add(cause.Message);
            }
        }

        return string.Join(": ", messages);
    }

    private sealed record Response(HttpStatusCode Status, JsonElement? Json, string Text);

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    public void Dispose() => connection.Dispose();
}

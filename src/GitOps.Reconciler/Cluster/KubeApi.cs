using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// The few REST calls the reconciler makes, sent through KubernetesClient's authenticated HttpClient as raw JSON so
/// any kind (built-in or custom) goes the same way. Every call retries on 429 (honouring Retry-After), 5xx, timeouts
/// and dropped connections; every call is idempotent (apply, get, delete), so a retry after a lost response is safe.
/// </summary>
internal sealed class KubeApi(Kubernetes client, RetryPolicy retry) : IDisposable
{
    public const string FieldManager = "gitops";

    public Kubernetes Client { get; } = client;

    public async Task<JsonObject?> GetAsync(string path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return status == HttpStatusCode.NotFound ? null : Expect(status, body, "GET", path);
    }

    /// <summary>A GET whose answer stays a parsed document (no node tree); null on 404.</summary>
    public async Task<JsonElement?> GetElementAsync(string path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync($"GET {path}", () => new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if ((int)status is < 200 or >= 300)
        {
            Expect(status, body, "GET", path); // throws, naming the status and the server's message
        }

        try
        {
            return JsonElement.Parse(body);
        }
        catch (JsonException e)
        {
            throw new KubeApiException(status, $"GET {path}: the response is not JSON: {e.Message}");
        }
    }

    /// <summary>Server-side apply with force; returns the object as stored (or as it would be, for a dry run).</summary>
    public async Task<JsonObject> ApplyAsync(string path, JsonObject body, bool dryRun, CancellationToken cancellationToken)
    {
        // Strict validation turns a typo in a manifest into an error naming the field instead of a silently dropped field.
        var query = $"?fieldManager={FieldManager}&force=true&fieldValidation=Strict" + (dryRun ? "&dryRun=All" : "");
        var json = body.ToJsonString();
        var (status, response) = await SendAsync(
            $"apply {path}",
            () => new HttpRequestMessage(HttpMethod.Patch, path + query)
            {
                Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/apply-patch+yaml")),
            },
            cancellationToken);
        return Expect(status, response, dryRun ? "dry-run apply" : "apply", path);
    }

    /// <summary>Creates an object (POST); a 409 means it already exists.</summary>
    public async Task<JsonObject> CreateAsync(string collectionPath, JsonObject body, CancellationToken cancellationToken)
    {
        var json = body.ToJsonString();
        var (status, response) = await SendAsync(
            $"POST {collectionPath}",
            () => new HttpRequestMessage(HttpMethod.Post, collectionPath) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            cancellationToken);
        return Expect(status, response, "POST", collectionPath);
    }

    /// <summary>Deletes in the background; false when the object is already gone.</summary>
    public async Task<bool> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        var (status, body) = await SendAsync($"DELETE {path}", () => new HttpRequestMessage(HttpMethod.Delete, path + "?propagationPolicy=Background"), cancellationToken);
        if (status == HttpStatusCode.NotFound)
        {
            return false;
        }

        Expect(status, body, "DELETE", path);
        return true;
    }

    private static JsonObject Expect(HttpStatusCode status, string body, string verb, string path)
    {
        if ((int)status is >= 200 and < 300)
        {
            return JsonNode.Parse(body) as JsonObject ?? throw new KubeApiException(status, $"{verb} {path}: the response is not a JSON object");
        }

        throw new KubeApiException(status, $"{verb} {path}: {(int)status} {StatusMessage(body)}");
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

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(string what, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(retry.RequestTimeout);
            TimeSpan? retryAfter = null;
            string failure;
            try
            {
                using var request = createRequest();
                request.RequestUri = new Uri(Client.BaseUri, request.RequestUri!.OriginalString.TrimStart('/'));
                if (Client.Credentials is { } credentials)
                {
                    await credentials.ProcessHttpRequestAsync(request, timeout.Token);
                }

                using var response = await Client.HttpClient.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                if (!IsRetryable(response.StatusCode))
                {
                    return (response.StatusCode, body);
                }

                retryAfter = RetryAfter(response);
                failure = $"{(int)response.StatusCode} {StatusMessage(body)}";
            }
            catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"connection failed: {e.Message}";
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

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    public void Dispose() => Client.Dispose();
}

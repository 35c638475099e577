using System.Globalization;
using System.Text;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Store;
using Microsoft.AspNetCore.Http;

namespace GitOps.Sandbox.Http;

internal sealed partial class ApiHandler
{
    private static readonly byte[] EventPrefix = Encoding.UTF8.GetBytes("{\"type\":\"");
    private static readonly byte[] EventMiddle = Encoding.UTF8.GetBytes("\",\"object\":");
    private static readonly byte[] EventSuffix = Encoding.UTF8.GetBytes("}\n");

    /// <summary>
    /// <c>?watch=true</c>: a stream of JSON events. Without a resourceVersion (or with "0") it starts with ADDED
    /// for every current object; with one it replays what happened after it from the store's history.
    /// </summary>
    private async Task WatchAsync(HttpContext context, ResourceType type, string? ns)
    {
        var query = context.Request.Query;
        var selectors = Selectors.Parse(query["labelSelector"], query["fieldSelector"]);
        bool Matches(StoredObject obj) => (ns is null || obj.Namespace == ns) && selectors.Matches(obj.Node);
        var requested = query["resourceVersion"].FirstOrDefault();
        IReadOnlyList<StoredObject> initial = [];
        WatchSubscription subscription;
        lock (service.Store.Gate)
        {
            if (string.IsNullOrEmpty(requested) || requested == "0")
            {
                (initial, var current) = service.Store.List(type, ns);
                subscription = service.Store.Subscribe(type.GroupResource, current, Matches);
            }
            else
            {
                var from = long.TryParse(requested, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed
                    : throw ApiException.BadRequest($"invalid resource version: {requested}");
                subscription = service.Store.Subscribe(type.GroupResource, from, Matches);
            }
        }

        using (subscription)
        {
            var timeout = int.TryParse(query["timeoutSeconds"].FirstOrDefault(), CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromMinutes(30);
            using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
            lifetime.CancelAfter(timeout);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            var body = context.Response.Body;
            foreach (var item in initial.Where(Matches))
            {
                await WriteEventAsync(body, "ADDED", item, lifetime.Token);
            }

            await context.Response.Body.FlushAsync(lifetime.Token);
            try
            {
                await foreach (var watchEvent in subscription.Events.ReadAllAsync(lifetime.Token))
                {
                    await WriteEventAsync(body, watchEvent.Type, watchEvent.Object, lifetime.Token);
                    await body.FlushAsync(lifetime.Token);
                }
            }
            catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
            {
                // timeoutSeconds elapsed: end the stream normally, clients re-watch from their last version.
            }
        }
    }

    private static async Task WriteEventAsync(Stream body, string type, StoredObject obj, CancellationToken cancellationToken)
    {
        await body.WriteAsync(EventPrefix, cancellationToken);
        await body.WriteAsync(Encoding.UTF8.GetBytes(type), cancellationToken);
        await body.WriteAsync(EventMiddle, cancellationToken);
        await body.WriteAsync(obj.Json, cancellationToken);
        await body.WriteAsync(EventSuffix, cancellationToken);
    }
}

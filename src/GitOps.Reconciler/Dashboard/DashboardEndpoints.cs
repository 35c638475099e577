using System.Text.Json;
using GitOps.Reconciler.Cluster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Dashboard;

/// <summary>
/// Maps the dashboard onto a Kestrel app: the page at <c>/</c>, assets under <c>/assets/</c>, read-only JSON under
/// <c>/api/</c>, and the three actions (POST, bearer token) under <c>/api/environments/{inventory}/actions/</c>.
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Map(WebApplication app, DashboardService service, ILogger logger)
    {
        // Everything the page loads comes from here; nothing inline, nothing from elsewhere.
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/assets/{name}", (string name) => Asset(name));
        app.MapGet("/api/info", () => Results.Json(service.Info, Json));
        app.MapGet("/api/environments", (Func<HttpContext, Task<IResult>>)(c => Read(c, logger, async ct => await service.EnvironmentsAsync(ct))));
        app.MapGet("/api/environments/{inventory}", (HttpContext c, string inventory) => Read(c, logger, async ct => await service.EnvironmentAsync(inventory, ct)));
        app.MapGet("/api/environments/{inventory}/apps", (HttpContext c, string inventory) => Read(c, logger, async ct => await service.AppsAsync(inventory, ct)));
        app.MapGet("/api/environments/{inventory}/object", (HttpContext c, string inventory, string kind, string name, string? group, string? @namespace) =>
            Read(c, logger, async ct => await service.ObjectAsync(inventory, new ObjectRef(group ?? "", kind, string.IsNullOrEmpty(@namespace) ? null : @namespace, name), ct)));
        app.MapGet("/api/environments/{inventory}/drift", (HttpContext c, string inventory) => Read(c, logger, async ct => await service.DriftAsync(inventory, ct)));
        app.MapGet("/api/environments/{inventory}/history", (HttpContext c, string inventory) => Read(c, logger, async ct => await service.HistoryAsync(inventory, ct)));
        app.MapGet("/api/environments/{inventory}/commits/{sha}", (HttpContext c, string inventory, string sha) => Read(c, logger, async ct => await service.CommitDiffAsync(inventory, sha, ct)));
        app.MapPost("/api/environments/{inventory}/actions/{action}", (HttpContext c, string inventory, string action) => ActAsync(c, service, logger, inventory, action));
    }

    private static IResult Asset(string name) =>
        DashboardAssets.Find(name) is var (content, type) ? Results.Bytes(content, type) : Results.NotFound();

    private static async Task<IResult> Read<T>(HttpContext context, ILogger logger, Func<CancellationToken, Task<T?>> read)
    {
        try
        {
            return await read(context.RequestAborted) is { } value ? Results.Json(value, Json) : Results.NotFound();
        }
        catch (Exception e) when (e is KubeApiException or ReconcileException or LibGit2Sharp.LibGit2SharpException)
        {
            DashboardLog.Failed(logger, context.Request.Path, e.Message);
            return Results.Json(new { error = e.Message }, Json, statusCode: StatusCodes.Status502BadGateway);
        }
    }

    private static async Task<IResult> ActAsync(HttpContext context, DashboardService service, ILogger logger, string inventory, string action)
    {
        var requester = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (service.Refusal(context.Request.Headers.Authorization) is var (status, message))
        {
            DashboardLog.Refused(logger, action, inventory, status, requester);
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            return Results.Json(new { error = message }, Json, statusCode: status);
        }

        DashboardLog.Action(logger, action, inventory, requester);
        return await Read(context, logger, async ct => await service.RunActionAsync(inventory, action, requester, ct) is { } done ? new { result = done } : null);
    }
}

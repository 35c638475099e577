using System.Text.Json.Serialization.Metadata;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Hosting;
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
    public static void Map(WebApplication app, DashboardService service, ILogger logger)
    {
        // Everything the page loads comes from here; nothing inline, nothing from elsewhere.
        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await next(context);
        });
        // Plain request delegates, as in AgentHttpHost: no handler compiled from an expression tree, no reflection-based JSON.
        app.MapGet("/", context => Asset("index.html").ExecuteAsync(context));
        app.MapGet("/assets/{name}", context => Asset(Route(context, "name")).ExecuteAsync(context));
        app.MapGet("/api/info", context => Results.Json(service.Info, HostJson.Default.DashboardInfo).ExecuteAsync(context));
        app.MapGet("/api/environments", context => Read(context, logger, HostJson.Default.IReadOnlyListEnvironmentView, async ct => await service.EnvironmentsAsync(ct)));
        app.MapGet("/api/environments/{inventory}", context => Read(context, logger, HostJson.Default.EnvironmentView, async ct => await service.EnvironmentAsync(Route(context, "inventory"), ct)));
        app.MapGet("/api/environments/{inventory}/apps", context => Read(context, logger, HostJson.Default.IReadOnlyListAppView, async ct => await service.AppsAsync(Route(context, "inventory"), ct)));
        app.MapGet("/api/environments/{inventory}/object", context =>
        {
            var query = context.Request.Query;
            if (string.IsNullOrEmpty(query["kind"]) || string.IsNullOrEmpty(query["name"]))
            {
                return Results.Json(new ErrorBody("the query must name the object's kind and name"), HostJson.Default.ErrorBody, statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            }

            var reference = new ObjectRef(query["group"].ToString(), query["kind"].ToString(), string.IsNullOrEmpty(query["namespace"]) ? null : query["namespace"].ToString(), query["name"].ToString());
            return Read(context, logger, HostJson.Default.ObjectDetail, async ct => await service.ObjectAsync(Route(context, "inventory"), reference, ct));
        });
        app.MapGet("/api/environments/{inventory}/drift", context => Read(context, logger, HostJson.Default.IReadOnlyListDriftRecord, async ct => await service.DriftAsync(Route(context, "inventory"), ct)));
        app.MapGet("/api/environments/{inventory}/history", context => Read(context, logger, HostJson.Default.IReadOnlyListHistoryEntry, async ct => await service.HistoryAsync(Route(context, "inventory"), ct)));
        app.MapGet("/api/environments/{inventory}/commits/{sha}", context => Read(context, logger, HostJson.Default.CommitDiff, async ct => await service.CommitDiffAsync(Route(context, "inventory"), Route(context, "sha"), ct)));
        app.MapPost("/api/environments/{inventory}/actions/{action}", context => ActAsync(context, service, logger, Route(context, "inventory"), Route(context, "action")));
    }

    private static string Route(HttpContext context, string name) => context.Request.RouteValues[name] as string ?? "";

    private static IResult Asset(string name) =>
        DashboardAssets.Find(name) is var (content, type) ? Results.Bytes(content, type) : Results.NotFound();

    private static async Task Read<T>(HttpContext context, ILogger logger, JsonTypeInfo<T> json, Func<CancellationToken, Task<T?>> read)
    {
        IResult result;
        try
        {
            result = await read(context.RequestAborted) is { } value ? Results.Json(value, json) : Results.NotFound();
        }
        catch (Exception e) when (e is KubeApiException or ReconcileException or LibGit2Sharp.LibGit2SharpException)
        {
            DashboardLog.Failed(logger, context.Request.Path, e.Message);
            result = Results.Json(new ErrorBody(e.Message), HostJson.Default.ErrorBody, statusCode: StatusCodes.Status502BadGateway);
        }

        await result.ExecuteAsync(context);
    }

    private static async Task ActAsync(HttpContext context, DashboardService service, ILogger logger, string inventory, string action)
    {
        var requester = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (service.Refusal(context.Request.Headers.Authorization) is var (status, message))
        {
            DashboardLog.Refused(logger, action, inventory, status, requester);
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await Results.Json(new ErrorBody(message), HostJson.Default.ErrorBody, statusCode: status).ExecuteAsync(context);
            return;
        }

        DashboardLog.Action(logger, action, inventory, requester);
        await Read(context, logger, HostJson.Default.ActionDone, async ct => await service.RunActionAsync(inventory, action, requester, ct) is { } done ? new ActionDone(done) : null);
    }
}

using System.Net;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Hosting;

/// <summary>
/// Kestrel on the agent's <c>--listen</c> address: <c>POST /hooks/git</c> (HMAC-checked, triggers a fetch),
/// <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (Prometheus text), <c>/status</c> (JSON) and the dashboard
/// (<c>/</c> and <c>/api/...</c>). A signed push payload naming another branch than the one the agent follows is
/// acknowledged and ignored.
/// </summary>
internal sealed class AgentHttpHost(GitOpsAgent agent, AgentMetrics metrics, string? webhookSecret, string branch, DashboardService? dashboard, ILogger logger) : IAsyncDisposable
{
    private const int MaxWebhookBytes = 1 << 20;
    private WebApplication? app;

    public Uri? Url { get; private set; }

    public async Task StartAsync(string listen, CancellationToken cancellationToken)
    {
        var endpoint = ParseEndpoint(listen);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        app = builder.Build();
        // Plain request delegates: a handler with parameters or a typed result is compiled at the first request from an
        // expression tree (System.Linq.Expressions and its JIT'd code stay resident, about 4 MiB in the agent).
        app.MapGet("/healthz", context => (agent.LoopFailure is { } failure
            ? Results.Text($"unhealthy: the reconcile loop stopped: {failure}\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("ok\n")).ExecuteAsync(context));
        app.MapGet("/readyz", context => (agent.Status.Cycles > 0 || !agent.IsLeader
            ? Results.Text("ready\n")
            : Results.Text("not ready: first reconcile has not finished\n", statusCode: StatusCodes.Status503ServiceUnavailable)).ExecuteAsync(context));
        app.MapGet("/metrics", async context =>
        {
            context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
            await metrics.WriteAsync(context.Response.Body, context.RequestAborted);
        });
        app.MapGet("/status", context => Results.Json(agent.Status, HostJson.Indented.AgentStatus).ExecuteAsync(context));
        app.MapPost("/hooks/git", async context => await (await HandleWebhookAsync(context)).ExecuteAsync(context));
        if (dashboard is not null)
        {
            DashboardEndpoints.Map(app, dashboard, logger);
        }

        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        AgentLog.Listening(logger, Url.ToString());
    }

    private async Task<IResult> HandleWebhookAsync(HttpContext context)
    {
        if (webhookSecret is null)
        {
            return Results.NotFound("webhook disabled: no secret configured\n");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        if (buffer.Length > MaxWebhookBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        if (!WebhookSignature.IsValid(webhookSecret, buffer.GetBuffer().AsSpan(0, (int)buffer.Length), context.Request.Headers[WebhookSignature.Header]))
        {
            AgentLog.WebhookRejected(logger, $"missing or wrong {WebhookSignature.Header} from {context.Connection.RemoteIpAddress}");
            metrics.Webhooks.WithLabels("rejected").Inc();
            return Results.Text("bad signature\n", statusCode: StatusCodes.Status401Unauthorized);
        }

        // Only after the signature: an unsigned body must not even learn which branch the agent follows.
        var pushed = WebhookPayload.PushedRef(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (WebhookPayload.IsOtherBranch(pushed, branch))
        {
            AgentLog.WebhookIgnored(logger, pushed!, branch);
            metrics.Webhooks.WithLabels("ignored").Inc();
            return Results.Text($"ignored: push to {pushed}; this agent follows refs/heads/{branch}\n", statusCode: StatusCodes.Status202Accepted);
        }

        agent.Trigger("webhook");
        metrics.Webhooks.WithLabels("triggered").Inc();
        return Results.Text("fetch triggered\n", statusCode: StatusCodes.Status202Accepted);
    }

    internal static IPEndPoint ParseEndpoint(string listen)
    {
        var colon = listen.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(listen[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port)
            || !IPAddress.TryParse(listen[..colon].Trim('[', ']'), out var ip))
        {
            throw new ReconcileException($"--listen '{listen}': expected ADDRESS:PORT such as 127.0.0.1:8080 or 0.0.0.0:8080");
        }

        return new IPEndPoint(ip, port);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

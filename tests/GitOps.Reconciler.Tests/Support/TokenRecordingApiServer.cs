using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// An HTTPS server on 127.0.0.1 that answers <c>/version</c> like an API server and records the Authorization header of
/// every request: what a pod's service-account client sends, seen from the server (the TLS sandbox would refuse a client
/// without a client certificate before any header arrives).
/// </summary>
internal sealed class TokenRecordingApiServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TokenRecordingApiServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<TokenRecordingApiServer> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        TokenRecordingApiServer? server = null;
        app.Run(async context =>
        {
            server!.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"major":"1","minor":"32","gitVersion":"v1.32.0"}""");
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        server = new TokenRecordingApiServer(app, address.Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

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

/// <summary>A started Kestrel server on 127.0.0.1 and a free port, HTTPS when given a certificate, for test stand-ins of other servers.</summary>
internal sealed class LoopbackWebServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackWebServer(WebApplication app, Uri baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>The server's URL, ending in '/'.</summary>
    public Uri BaseUrl { get; }

    public static async Task<LoopbackWebServer> StartAsync(RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new LoopbackWebServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

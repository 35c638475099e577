using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// An HTTPS server on 127.0.0.1 that answers <c>/version</c> like an API server and records the Authorization header of
/// every request: what a pod's service-account client sends, seen from the server (the TLS sandbox would refuse a client
/// without a client certificate before any header arrives).
/// </summary>
internal sealed class TokenRecordingApiServer : IAsyncDisposable
{
    private LoopbackWebServer? server;

    private TokenRecordingApiServer()
    {
    }

    public int Port => server!.BaseUrl.Port;

    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<TokenRecordingApiServer> StartAsync(X509Certificate2 certificate)
    {
        var recorder = new TokenRecordingApiServer();
        recorder.server = await LoopbackWebServer.StartAsync(async context =>
        {
            recorder.Authorizations.Enqueue(context.Request.Headers.Authorization.ToString());
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"major":"1","minor":"32","gitVersion":"v1.32.0"}""");
        }, certificate);
        return recorder;
    }

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;
}

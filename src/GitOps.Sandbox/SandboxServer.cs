using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Controllers;
using GitOps.Sandbox.Http;
using GitOps.Sandbox.Store;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Sandbox;

/// <summary>
/// An in-memory Kubernetes API server on 127.0.0.1 (plain HTTP without authentication, or HTTPS with client
/// certificates) with server-side apply,
/// simulated controllers and fault injection: a local stand-in for trying things and for tests, not a cluster.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ControllerHost controllers;

    private SandboxServer(WebApplication app, Uri url, SandboxFaults faults, ControllerHost controllers, SandboxCertificates? certificates)
    {
        this.app = app;
        this.controllers = controllers;
        Url = url;
        Faults = faults;
        Certificates = certificates;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234/</c> (<c>https://</c> with <see cref="SandboxOptions.Tls"/>).</summary>
    public Uri Url { get; }

    /// <summary>The generated CA and client certificate of a TLS sandbox; null for plain HTTP.</summary>
    public SandboxCertificates? Certificates { get; }

    /// <summary>Fault injection for the requests this server receives.</summary>
    public SandboxFaults Faults { get; }

    /// <summary>Starts a sandbox with the default namespaces (default, kube-system, kube-public, kube-node-lease).</summary>
    public static async Task<SandboxServer> StartAsync(SandboxOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxOptions();
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var store = new ObjectStore();
        var openApi = new OpenApiDocuments();
        var service = new ResourceService(store, new ResourceRegistry(), new FieldValidation(openApi), TimeProvider.System);
        var faults = new SandboxFaults();
        var controllers = new ControllerHost(service, openApi, options.RolloutDelay, loggerFactory.CreateLogger("GitOps.Sandbox.Controllers"));
        foreach (var ns in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            service.Create(service.NamespaceType, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, WriteOptions.System("kube-apiserver"));
        }

        var certificates = options.Tls ? SandboxCertificates.Generate() : null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                if (certificates is not null)
                {
                    listen.UseHttps(new HttpsConnectionAdapterOptions
                    {
                        ServerCertificate = certificates.Server,
                        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                        // Only our CA counts, whatever the system trusts.
                        ClientCertificateValidation = (certificate, _, _) => certificates.IsTrustedClient(certificate),
                    });
                }
            });
            kestrel.AllowSynchronousIO = false;
        });
        var app = builder.Build();
        string address = "";
        var handler = new ApiHandler(service, faults, openApi, loggerFactory.CreateLogger("GitOps.Sandbox"), () => address);
        app.Run(handler.HandleAsync);
        await app.StartAsync(cancellationToken);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).TrimEnd('/') + "/");
        address = $"{url.Host}:{url.Port}";
        return new SandboxServer(app, url, faults, controllers, certificates);
    }

    /// <summary>
    /// A KubernetesClient configuration for this server: plain HTTP without credentials, or for a TLS sandbox its CA and
    /// client certificate.
    /// </summary>
    public KubernetesClientConfiguration ClientConfiguration() => Certificates is { } tls
        ? new()
        {
            Host = Url.ToString().TrimEnd('/'),
            SslCaCerts = [X509CertificateLoader.LoadCertificate(tls.CertificateAuthority.RawData)],
            ClientCertificateData = SandboxKubeconfig.Base64(tls.ClientCertificatePem),
            ClientCertificateKeyData = SandboxKubeconfig.Base64(tls.ClientKeyPem),
        }
        : new() { Host = Url.ToString().TrimEnd('/') };

    /// <summary>
    /// Writes a kubeconfig whose current context points at this server, for kubectl and other clients; for a TLS
    /// sandbox it holds the client key, so only the owner may read it.
    /// </summary>
    public void WriteKubeconfig(string path) => SandboxKubeconfig.Write(path, Url, Certificates);

    /// <summary>Stops listening and the simulated controllers.</summary>
    public async ValueTask DisposeAsync()
    {
        controllers.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Certificates?.Dispose();
    }
}

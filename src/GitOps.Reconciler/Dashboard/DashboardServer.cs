using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Dashboard;

/// <summary>Where `gitops ui` looks: the agents' namespace in a cluster, and optionally the repository they reconcile.</summary>
public sealed record DashboardServerOptions
{
    /// <summary><c>host:port</c> to listen on (port 0 picks a free port).</summary>
    public string Listen { get; init; } = "127.0.0.1:8080";

    /// <summary>The namespace of the agents' inventories and status ConfigMaps.</summary>
    public string Namespace { get; init; } = "gitops-system";

    /// <summary>The repository with the rendered branch; without it desired YAML, diffs and commit subjects are not shown.</summary>
    public string? RepositoryUrl { get; init; }

    public string Branch { get; init; } = "rendered";

    public string CacheDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "gitops-cache");

    public GitCredentials? Credentials { get; init; }

    public DashboardOptions Dashboard { get; init; } = new();
}

/// <summary>`gitops ui`: the agent's dashboard served locally, reading every agent's state from the cluster.</summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly KubeApi api;

    private DashboardServer(WebApplication app, KubeApi api, Uri url)
    {
        this.app = app;
        this.api = api;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<DashboardServer> StartAsync(DashboardServerOptions options, ClusterConfiguration cluster, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = AgentHttpHost.ParseEndpoint(options.Listen);
        var api = new KubeApi(KubeConnection.Create(cluster), RetryPolicy.Default);
        var repository = options.RepositoryUrl is null ? null : new RenderedRepoView(options.RepositoryUrl, options.Branch, options.CacheDirectory, options.Credentials);
        var service = new DashboardService(api, options.Namespace, onlyInventory: null, repository, options.Dashboard, requestSync: null);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        var app = builder.Build();
        DashboardEndpoints.Map(app, service, logger);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        DashboardLog.Listening(logger, url.ToString());
        return new DashboardServer(app, api, url);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        api.Dispose();
    }
}

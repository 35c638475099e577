using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Signatures;
using GitOps.Sandbox;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// One in-process sandbox API server plus one rendered repository, per test: the reconciler talks to the sandbox over
/// real HTTP with KubernetesClient and fetches from the bare repository with LibGit2Sharp.
/// </summary>
public sealed partial class SandboxCluster : IAsyncDisposable
{
    /// <summary>Quick retries, so fault-injection tests stay fast.</summary>
    internal static readonly RetryPolicy TestRetry = new(6, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));

    private readonly HttpClient http;

    private SandboxCluster(SandboxServer server)
    {
        Server = server;
        http = new HttpClient(Handler(server)) { BaseAddress = server.Url };
    }

    public SandboxServer Server { get; }

    public RenderedRepo Repo { get; } = new();

    public string InventoryNamespace { get; } = "gitops-system";

    public static async Task<SandboxCluster> StartAsync(TimeSpan? rolloutDelay = null, bool tls = false) =>
        new(await SandboxServer.StartAsync(new SandboxOptions { Port = 0, RolloutDelay = rolloutDelay ?? TimeSpan.FromMilliseconds(30), Tls = tls }));

    /// <summary>The test's own reads go around the reconciler: for a TLS sandbox, trusting its CA and presenting its client certificate.</summary>
    private static SocketsHttpHandler Handler(SandboxServer server)
    {
        var handler = new SocketsHttpHandler();
        if (server.Certificates is { } tls)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(tls.CertificateAuthority);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return certificate is X509Certificate2 presented && chain.Build(presented);
            };
            using var fromPem = X509Certificate2.CreateFromPem(tls.ClientCertificatePem, tls.ClientKeyPem);
            handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(fromPem.Export(X509ContentType.Pkcs12), null)];
        }

        return handler;
    }

    internal async Task<ReconcileResult> ReconcileAsync(
        bool dryRun = false,
        bool prune = true,
        bool allowEmpty = false,
        bool allowMassPrune = false,
        TimeSpan? timeout = null,
        Action<string>? checkpoint = null,
        string? url = null,
        string path = "prod",
        bool createNamespaces = false,
        SignaturePolicy? signatures = null,
        GitCredentials? credentials = null,
        string? gitCaFile = null,
        bool discoveryCache = true,
        TimeSpan? discoveryCacheTtl = null,
        bool allowForcePush = false,
        string? cacheDirectory = null,
        string? clusterName = null,
        bool writeBack = false,
        ClusterConfiguration? clusterConfiguration = null) =>
        await Reconciler.RunAsync(
            new ReconcileOptions
            {
                RepositoryUrl = url ?? Repo.BarePath,
                Branch = Repo.Branch,
                Path = path,
                CacheDirectory = cacheDirectory ?? Repo.CacheDirectory,
                DryRun = dryRun,
                Prune = prune,
                AllowEmpty = allowEmpty,
                AllowMassPrune = allowMassPrune,
                Timeout = timeout ?? TimeSpan.FromSeconds(20),
                InventoryNamespace = InventoryNamespace,
                Retry = TestRetry,
                HealthPollInterval = TimeSpan.FromMilliseconds(40),
                Checkpoint = checkpoint,
                CreateNamespaces = createNamespaces,
                Signatures = signatures,
                Credentials = credentials,
                GitCaFile = gitCaFile,
                DiscoveryCacheTtl = discoveryCache ? discoveryCacheTtl ?? TimeSpan.FromHours(1) : null,
                AllowForcePush = allowForcePush,
                ClusterName = clusterName,
                WriteBack = writeBack,
            },
            clusterConfiguration ?? Server.ClusterConfiguration());

    /// <summary>Reads an object straight from the sandbox; null when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string path)
    {
        using var response = await http.GetAsync(path.TrimStart('/'));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>Changes an object as another client would (JSON merge patch, field manager "someone-else").</summary>
    public async Task MergePatchAsync(string path, string patch)
    {
        using var content = new StringContent(patch, Encoding.UTF8, "application/merge-patch+json");
        using var response = await http.PatchAsync(path.TrimStart('/') + "?fieldManager=someone-else", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Creates an object as another client would (for example a CRD installed out of band).</summary>
    public async Task CreateAsync(string collectionPath, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(collectionPath.TrimStart('/') + "?fieldManager=someone-else", content);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Deletes an object as another client would.</summary>
    public async Task DeleteAsync(string path)
    {
        using var response = await http.DeleteAsync(path.TrimStart('/'));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The discovery cache file the reconciler keeps for this sandbox.</summary>
    internal string DiscoveryCacheFile => DiscoveryCache.PathFor(Repo.CacheDirectory, Server.ClusterConfiguration().Server);

    public async Task<int> CountAsync(string collectionPath) =>
        (await GetAsync(collectionPath))!["items"]!.AsArray().Count;

    public async Task<List<string>> InventoryMembersAsync(string name = "gitops-prod")
    {
        var inventory = await GetAsync($"/api/v1/namespaces/{InventoryNamespace}/configmaps/{name}");
        return inventory is null ? [] : inventory["data"]!["members"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    /// <summary>Writes the sock-shop corpus into prod/, every object moved into the given namespace, plus that Namespace.</summary>
    public void WriteSockShop(string ns = "sock-shop")
    {
        Repo.Write("prod/namespace.yaml", $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {ns}\n");
        foreach (var (name, content) in Corpus.Files("sock-shop"))
        {
            Repo.Write($"prod/{name}", TopLevelMetadata().Replace(content, $"metadata:$1  namespace: {ns}$1"));
        }
    }

    [GeneratedRegex(@"^metadata:(\r?\n)", RegexOptions.Multiline)]
    private static partial Regex TopLevelMetadata();

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        Repo.Dispose();
        await Server.DisposeAsync();
    }
}

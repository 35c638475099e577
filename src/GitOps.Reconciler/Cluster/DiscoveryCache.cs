using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// Discovery kept on disk per API server (like kubectl's ~/.kube/cache/discovery), so a run whose cache is fresh reads
/// no discovery endpoint. A kind the cache does not know makes the run refresh it once (<see cref="ApiResources.FromCache"/>),
/// so a CRD installed since the cache was written still works; an unreadable file is ignored and rewritten.
/// </summary>
internal sealed class DiscoveryCache(string cacheDirectory, string serverUrl, TimeSpan timeToLive)
{
    private const int FormatVersion = 1;

    public string FilePath { get; } = PathFor(cacheDirectory, serverUrl);

    public static string PathFor(string cacheDirectory, string serverUrl)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(serverUrl.TrimEnd('/'))))[..16];
        return Path.Combine(cacheDirectory, "discovery", key + ".json");
    }

    /// <summary>The cached resources when the file is readable, for this server, and younger than the time to live.</summary>
    public ApiResources? TryRead()
    {
        try
        {
            if (!File.Exists(FilePath))
            {
                return null;
            }

            var root = JsonNode.Parse(File.ReadAllBytes(FilePath));
            if (root?["version"]?.GetValue<int>() != FormatVersion || root["server"]?.GetValue<string>() != serverUrl)
            {
                return null;
            }

            var written = root["written"]!.GetValue<DateTimeOffset>();
            var age = DateTimeOffset.UtcNow - written;
            if (age < TimeSpan.Zero || age >= timeToLive)
            {
                return null;
            }

            var resources = new ApiResources { FromCache = true };
            foreach (var entry in root["resources"]!.AsArray())
            {
                resources.AddServed(new ResourceInfo(
                    entry!["group"]!.GetValue<string>(), entry["version"]!.GetValue<string>(), entry["kind"]!.GetValue<string>(),
                    entry["plural"]!.GetValue<string>(), entry["namespaced"]!.GetValue<bool>()));
            }

            return resources;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NullReferenceException or IOException or UnauthorizedAccessException)
        {
            // A torn, hand-edited or foreign file: treated as absent; the next write replaces it.
            return null;
        }
    }

    /// <summary>Writes the served resources through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void Write(ApiResources resources)
    {
        var entries = new JsonArray();
        foreach (var r in resources.Served)
        {
            entries.Add(new JsonObject
            {
                ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind, ["plural"] = r.Plural, ["namespaced"] = r.Namespaced,
            });
        }

        var root = new JsonObject
        {
            ["version"] = FormatVersion,
            ["server"] = serverUrl,
            ["written"] = DateTimeOffset.UtcNow,
            ["resources"] = entries,
        };
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            var temporary = $"{FilePath}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            File.WriteAllText(temporary, root.ToJsonString());
            File.Move(temporary, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The cache only saves time; a read-only or full disk must not fail the run.
        }
    }

    /// <summary>Forgets the cached discovery, so the next run reads it from the server.</summary>
    public void Invalidate()
    {
        try
        {
            File.Delete(FilePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left as is: the time to live still bounds how long it is used.
        }
    }

    /// <summary>Fresh discovery from the server, written to the cache.</summary>
    public async Task<ApiResources> RefreshAsync(KubeApi api, CancellationToken cancellationToken)
    {
        var resources = await ApiResources.DiscoverAsync(api, cancellationToken);
        Write(resources);
        return resources;
    }

    /// <summary>The cached discovery when fresh, otherwise discovery from the server (then cached).</summary>
    public async Task<ApiResources> ReadOrDiscoverAsync(KubeApi api, CancellationToken cancellationToken) =>
        TryRead() ?? await RefreshAsync(api, cancellationToken);
}

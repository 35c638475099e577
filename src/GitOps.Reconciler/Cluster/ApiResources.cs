using System.Text.Json.Nodes;
using GitOps.Reconciler.Manifests;

namespace GitOps.Reconciler.Cluster;

/// <summary>
/// The kinds the cluster serves, read from discovery, plus the kinds that CRDs in the desired set will define, so a
/// custom resource can be planned before its CRD exists.
/// </summary>
internal sealed class ApiResources
{
    private readonly Dictionary<(string Group, string Version, string Kind), ResourceInfo> byVersion = [];
    private readonly Dictionary<(string Group, string Kind), ResourceInfo> preferred = [];
    private readonly HashSet<ResourceInfo> served = [];
    private readonly List<ResourceInfo> servedInOrder = [];

    /// <summary>Read from the discovery cache rather than the server; a kind it does not know warrants a refresh.</summary>
    public bool FromCache { get; init; }

    /// <summary>The resources discovery listed, preferred versions first.</summary>
    public IReadOnlyList<ResourceInfo> Served => servedInOrder;

    public static async Task<ApiResources> DiscoverAsync(KubeApi api, CancellationToken cancellationToken)
    {
        var resources = new ApiResources();
        var groupVersions = new List<(string Group, string Version, bool Preferred)> { ("", "v1", true) };
        var groups = await api.GetAsync("/apis", cancellationToken);
        foreach (var group in groups?["groups"]?.AsArray() ?? [])
        {
            var name = group!["name"]!.GetValue<string>();
            var preferredVersion = group["preferredVersion"]?["version"]?.GetValue<string>();
            foreach (var version in group["versions"]?.AsArray() ?? [])
            {
                var v = version!["version"]!.GetValue<string>();
                groupVersions.Add((name, v, v == preferredVersion));
            }
        }

        // Preferred versions first, so the (group, kind) lookup used for prune resolves to the preferred one.
        var lists = await Task.WhenAll(groupVersions.OrderByDescending(gv => gv.Preferred).Select(async gv =>
            (gv, await api.GetAsync(gv.Group.Length == 0 ? $"/api/{gv.Version}" : $"/apis/{gv.Group}/{gv.Version}", cancellationToken))));
        foreach (var ((group, version, _), list) in lists)
        {
            foreach (var resource in list?["resources"]?.AsArray() ?? [])
            {
                var plural = resource!["name"]!.GetValue<string>();
                if (plural.Contains('/', StringComparison.Ordinal))
                {
                    continue; // a subresource such as deployments/status
                }

                var info = new ResourceInfo(group, version, resource["kind"]!.GetValue<string>(), plural, resource["namespaced"]?.GetValue<bool>() ?? false);
                resources.AddServed(info);
            }
        }

        return resources;
    }

    public void Add(ResourceInfo resource)
    {
        byVersion.TryAdd((resource.Group, resource.Version, resource.Kind), resource);
        preferred.TryAdd((resource.Group, resource.Kind), resource);
    }

    /// <summary>Adds a resource that discovery listed.</summary>
    public void AddServed(ResourceInfo resource)
    {
        Add(resource);
        if (served.Add(resource))
        {
            servedInOrder.Add(resource);
        }
    }

    /// <summary>
    /// True when a manifest names a kind neither discovery nor a CRD in the set knows: with cached discovery, a sign that
    /// a CRD was installed since the cache was written.
    /// </summary>
    public bool MissesAnyOf(IEnumerable<ManifestObject> manifests)
    {
        var manifestList = manifests.ToList();
        var definedBySet = new ApiResources();
        foreach (var crd in manifestList.Where(m => m is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" }))
        {
            definedBySet.AddDefinedBy(crd.Body);
        }

        return manifestList.Any(m => Find(m.Group, m.Version, m.Kind) is null && definedBySet.Find(m.Group, m.Version, m.Kind) is null);
    }

    /// <summary>True when discovery listed the resource; false when only a CRD in the desired set defines it.</summary>
    public bool IsServed(ResourceInfo resource) => served.Contains(resource);

    public ResourceInfo? Find(string group, string version, string kind) =>
        byVersion.GetValueOrDefault((group, version, kind));

    public ResourceInfo? FindAnyVersion(string group, string kind) => preferred.GetValueOrDefault((group, kind));

    /// <summary>Registers the kinds a CustomResourceDefinition manifest will serve once it is established.</summary>
    public void AddDefinedBy(JsonObject crd)
    {
        var spec = crd["spec"];
        var group = spec?["group"]?.GetValue<string>();
        var kind = spec?["names"]?["kind"]?.GetValue<string>();
        var plural = spec?["names"]?["plural"]?.GetValue<string>();
        if (group is null || kind is null || plural is null)
        {
            return;
        }

        var namespaced = spec?["scope"]?.GetValue<string>() != "Cluster";
        foreach (var version in spec?["versions"]?.AsArray() ?? [])
        {
            if (version?["served"] is JsonValue served && !served.GetValue<bool>())
            {
                continue;
            }

            Add(new ResourceInfo(group, version!["name"]!.GetValue<string>(), kind, plural, namespaced));
        }
    }
}

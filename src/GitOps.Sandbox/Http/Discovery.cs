using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;

namespace GitOps.Sandbox.Http;

/// <summary>
/// Legacy discovery documents. Aggregated discovery (<c>as=APIGroupDiscoveryList</c>) is declined the way
/// an apiserver without it declines: by answering plain <c>application/json</c>, which clients fall back to.
/// </summary>
internal static class Discovery
{
    private static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = "v1.32.0",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2024-12-11T00:00:00Z",
        ["goVersion"] = "go1.23.3",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject Groups(ResourceRegistry registry)
    {
        var groups = new JsonArray();
        foreach (var group in GroupNames(registry))
        {
            groups.Add(Group(registry, group));
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public static JsonObject? Group(ResourceRegistry registry, string group)
    {
        var versions = registry.All.Where(t => t.Group == group).Select(t => t.Version).Distinct().ToList();
        if (versions.Count == 0)
        {
            return null;
        }

        var versionArray = new JsonArray();
        foreach (var version in versions)
        {
            versionArray.Add(new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = versionArray,
            ["preferredVersion"] = versionArray[0]!.DeepClone(),
        };
    }

    public static JsonObject? Resources(ResourceRegistry registry, string group, string version)
    {
        var types = registry.All.Where(t => t.Group == group && t.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var type in types.OrderBy(t => t.Plural, StringComparer.Ordinal))
        {
            var resource = new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray(Verbs.Select(v => (JsonNode)v).ToArray()),
            };
            if (type.ShortNames.Count > 0)
            {
                resource["shortNames"] = new JsonArray(type.ShortNames.Select(s => (JsonNode)s).ToArray());
            }

            if (type.Categories.Count > 0)
            {
                resource["categories"] = new JsonArray(type.Categories.Select(s => (JsonNode)s).ToArray());
            }

            resources.Add(resource);
            if (type.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/status",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = type.Kind,
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }

            if (type.HasScale)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = type.Plural + "/scale",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["group"] = "autoscaling",
                    ["version"] = "v1",
                    ["kind"] = "Scale",
                    ["verbs"] = new JsonArray("get", "patch", "update"),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static IEnumerable<string> GroupNames(ResourceRegistry registry) =>
        registry.All.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct();
}

using System.Text.Json.Nodes;
using GitOps.Rendering.Git;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Diff;

/// <summary>Builds rendered trees the way the renderer lays them out, with canonical YAML.</summary>
internal sealed class RenderedTreeBuilder
{
    private readonly SortedDictionary<string, string> files = new(StringComparer.Ordinal);

    public static JsonObject Deployment(string name, string? ns, int replicas, string image = "ghcr.io/acme/web:1.0.0", string env = "dev") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "web", ["env"] = env },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app.kubernetes.io/name"] = "web" } },
            ["template"] = new JsonObject
            {
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "web",
                        ["image"] = image,
                        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
                    }),
                },
            },
        },
    };

    public static JsonObject ConfigMap(string name, string ns, string value) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["key"] = value },
    };

    public RenderedTreeBuilder Object(string env, string app, JsonObject manifest)
    {
        var kind = ((string)manifest["kind"]!).ToLowerInvariant();
        var ns = (string?)manifest["metadata"]!["namespace"];
        var name = (string)manifest["metadata"]!["name"]!;
        files[$"{env}/{app}/{kind}-{(ns is null ? "" : ns + "-")}{name}.yaml"] = CanonicalYaml.Write(manifest);
        return this;
    }

    public RenderedTreeBuilder File(string path, string content)
    {
        files[path] = content;
        return this;
    }

    public IReadOnlyList<RenderedFile> Build() => files.Select(pair => new RenderedFile(pair.Key, pair.Value)).ToList();
}

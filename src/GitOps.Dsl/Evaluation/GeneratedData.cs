using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>Builds the ConfigMap or Secret of a generator and computes the content hash of its name suffix.</summary>
internal static class GeneratedData
{
    public static WorkItem Build(AppDefinition app, DataGenerator generator, string repositoryRoot)
    {
        var data = new SortedDictionary<string, string>(generator.Literals, StringComparer.Ordinal);
        foreach (var entry in generator.Files)
        {
            var separator = entry.IndexOf('=', StringComparison.Ordinal);
            var (key, path) = separator > 0 ? (entry[..separator], entry[(separator + 1)..]) : (Path.GetFileName(entry), entry);
            var full = ScriptPaths.Resolve(repositoryRoot, generator.CallerFile, path, app.Source);
            if (!data.TryAdd(key, File.ReadAllText(full)))
            {
                throw new DslException($"{app.Source}: {generator.Kind} generator '{generator.Name}' has the key '{key}' twice.");
            }
        }

        var dataJson = new JsonObject();
        foreach (var (key, value) in data)
        {
            dataJson[key] = generator is SecretGenerator ? Convert.ToBase64String(Encoding.UTF8.GetBytes(value)) : value;
        }

        var labels = new JsonObject();
        foreach (var (key, value) in generator.Labels)
        {
            labels[key] = value;
        }

        var manifest = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = generator.Kind,
            ["metadata"] = new JsonObject { ["name"] = generator.Name, ["labels"] = labels },
        };
        if (generator is SecretGenerator secret)
        {
            manifest["type"] = secret.Type;
        }

        manifest["data"] = dataJson;
        return new WorkItem(app, manifest, ObjectOrigin.Generated)
        {
            HashSuffix = generator.HashSuffix,
            AllowsLiteralSecretData = generator is SecretGenerator { AllowLiteralDataInGit: true },
        };
    }

    /// <summary>Ten hex digits of SHA-256 over kind, type and the sorted data: stable across machines and runs.</summary>
    public static string ContentHash(JsonObject manifest)
    {
        var text = new StringBuilder();
        text.Append((string?)manifest["kind"]).Append('\n').Append((string?)manifest["type"]).Append('\n');
        foreach (var field in new[] { "data", "binaryData" })
        {
            foreach (var (key, value) in (manifest[field] as JsonObject ?? []).OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                text.Append(field).Append('\0').Append(key).Append('\0').Append(value?.ToJsonString()).Append('\n');
            }
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..10];
    }
}

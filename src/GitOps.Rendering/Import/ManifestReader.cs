using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Reads plain manifests (multi-document YAML or JSON files, and folders of them) into objects, refusing anything
/// that is not YAML or not a Kubernetes object with a message that names the file and document.
/// </summary>
internal static class ManifestReader
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Reads every input; a folder contributes its manifest files recursively, in ordinal path order.</summary>
    public static IReadOnlyList<SourceObject> Read(IEnumerable<string> inputs)
    {
        var objects = new List<SourceObject>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var files = Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(file => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (files.Count == 0)
                {
                    throw new ImportException($"{input}: the folder holds no .yaml, .yml or .json manifests.");
                }

                foreach (var file in files)
                {
                    var folder = Path.GetRelativePath(input, Path.GetDirectoryName(file)!).Replace('\\', '/');
                    objects.AddRange(ReadFile(file, folder == "." ? "" : folder));
                }
            }
            else if (File.Exists(input))
            {
                objects.AddRange(ReadFile(input, ""));
            }
            else
            {
                throw new ImportException($"{input}: no such file or folder.");
            }
        }

        return objects;
    }

    private static IEnumerable<SourceObject> ReadFile(string file, string folder)
    {
        IReadOnlyList<JsonObject> documents;
        try
        {
            documents = YamlDocuments.Load(file, file);
        }
        catch (DslException e)
        {
            throw new ImportException($"{e.Message} (is {file} a YAML manifest?)", e);
        }
        catch (ArgumentException e)
        {
            // JsonObject refuses a key that a YAML map repeats; kubectl refuses such a file too.
            throw new ImportException($"{file}: {e.Message}", e);
        }

        var index = 0;
        foreach (var document in documents)
        {
            index++;
            var where = $"{file}: document {index}";
            if (document["kind"] is not JsonValue kind || kind.GetValueKind() != System.Text.Json.JsonValueKind.String
                || document["apiVersion"] is not JsonValue apiVersion || apiVersion.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw new ImportException($"{where} is not a Kubernetes object: it needs string fields apiVersion and kind.");
            }

            if ((string)kind! is "List" && document["items"] is JsonArray items)
            {
                var item = 0;
                foreach (var element in items)
                {
                    item++;
                    yield return Validated(element as JsonObject, $"{where}, items[{item - 1}]", file, index, folder);
                }

                continue;
            }

            if ((string)kind! is "Kustomization" && ((string?)apiVersion)!.StartsWith("kustomize.config.k8s.io/", StringComparison.Ordinal))
            {
                throw new ImportException($"{where} is a kustomization, not an object; import the built output instead: kubectl kustomize {Path.GetDirectoryName(file)} > manifests.yaml");
            }

            yield return Validated(document, where, file, index, folder);
        }
    }

    private static SourceObject Validated(JsonObject? document, string where, string file, int index, string folder)
    {
        if (document is null || (string?)document["kind"] is not { Length: > 0 } || (string?)document["apiVersion"] is not { Length: > 0 })
        {
            throw new ImportException($"{where} is not a Kubernetes object: it needs apiVersion and kind.");
        }

        if (MergeKeyPath(document, "") is { } mergeKey)
        {
            // kubectl applies YAML merge keys; reading them as a plain "<<" field would change the object silently.
            throw new ImportException($"{where}: uses a YAML merge key (<<) at {mergeKey}; write the merged fields out (e.g. kubectl create --dry-run=client -o yaml -f FILE) and import that.");
        }

        if (document["metadata"] is not JsonObject metadata || metadata["name"] is not JsonValue name
            || name.GetValueKind() != System.Text.Json.JsonValueKind.String || ((string?)name)!.Length == 0)
        {
            throw new ImportException($"{where} ({document["kind"]}) is not a Kubernetes object gitops can import: metadata.name is missing (generateName is not supported).");
        }

        return new SourceObject(document, file, index, folder);
    }

    private static string? MergeKeyPath(JsonNode? node, string path) => node switch
    {
        JsonObject map => map.Select(pair => pair.Key == "<<" ? JsonTrees.Join(path, "<<") : MergeKeyPath(pair.Value, JsonTrees.Join(path, pair.Key)))
            .FirstOrDefault(found => found is not null),
        JsonArray list => list.Select((item, i) => MergeKeyPath(item, $"{path}[{i}]")).FirstOrDefault(found => found is not null),
        _ => null,
    };
}

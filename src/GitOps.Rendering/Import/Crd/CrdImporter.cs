using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import.Crd;

/// <summary>What <c>gitops import crd</c> produced: one script file per kind and version, and notes.</summary>
/// <param name="Files">File name to content.</param>
/// <param name="Notes">Objects skipped and other things the user should know.</param>
public sealed record CrdImportResult(IReadOnlyDictionary<string, string> Files, IReadOnlyList<string> Notes);

/// <summary>
/// <c>gitops import crd</c>: CustomResourceDefinitions to typed C# classes (one <c>.csx</c> per kind and version)
/// that scripts <c>#load</c> and yield like any <c>k8s.Models</c> object.
/// </summary>
public static class CrdImporter
{
    /// <summary>Reads CRDs from files, folders or http(s) URLs and writes their classes.</summary>
    /// <param name="inputs">Files, folders or URLs.</param>
    /// <param name="wrapper">Nests the classes in a static class of this name (scripts cannot declare namespaces).</param>
    /// <param name="http">Fetches URLs; null refuses them.</param>
    /// <param name="cancellation">Stops a fetch.</param>
    public static async Task<CrdImportResult> ImportAsync(IReadOnlyList<string> inputs, string? wrapper, HttpClient? http, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var downloads = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var paths = new List<string>();
            foreach (var input in inputs)
            {
                if (Uri.TryCreate(input, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    if (http is null)
                    {
                        throw new ImportException($"{input}: fetching URLs is not available here.");
                    }

                    var file = Path.Combine(Path.GetTempPath(), $"gitops-crd-{Guid.NewGuid():N}.yaml");
                    try
                    {
                        await File.WriteAllTextAsync(file, await http.GetStringAsync(uri, cancellation), cancellation);
                    }
                    catch (HttpRequestException e)
                    {
                        throw new ImportException($"{input}: could not fetch it: {e.Message}", e);
                    }

                    downloads[file] = input;
                    paths.Add(file);
                }
                else if (Uri.TryCreate(input, UriKind.Absolute, out var other) && other.Scheme is not "file" && input.Contains("://", StringComparison.Ordinal))
                {
                    throw new ImportException($"{input}: only http and https URLs are supported.");
                }
                else
                {
                    paths.Add(input);
                }
            }

            IReadOnlyList<SourceObject> sources;
            try
            {
                sources = ManifestReader.Read(paths);
            }
            catch (ImportException e) when (downloads.Keys.FirstOrDefault(file => e.Message.Contains(file, StringComparison.Ordinal)) is { } file)
            {
                throw new ImportException(e.Message.Replace(file, downloads[file], StringComparison.Ordinal), e);
            }

            // Messages name the URL, not the temporary file it was fetched into.
            return Generate(sources.Select(source => downloads.TryGetValue(source.File, out var url) ? source with { File = url } : source).ToList(), wrapper);
        }
        finally
        {
            foreach (var file in downloads.Keys)
            {
                File.Delete(file);
            }
        }
    }

    internal static CrdImportResult Generate(IReadOnlyList<SourceObject> sources, string? wrapper)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var notes = new List<string>();
        foreach (var source in sources)
        {
            if (source.Kind != "CustomResourceDefinition" || !source.ApiVersion.StartsWith("apiextensions.k8s.io/", StringComparison.Ordinal))
            {
                notes.Add($"{source.Where}: not a CustomResourceDefinition; skipped.");
                continue;
            }

            var spec = source.Manifest["spec"] as JsonObject ?? throw new ImportException($"{source.Where}: the CRD has no spec.");
            var group = (string?)spec["group"] ?? throw new ImportException($"{source.Where}: the CRD has no spec.group.");
            var kind = (string?)spec["names"]?["kind"] ?? throw new ImportException($"{source.Where}: the CRD has no spec.names.kind.");
            var plural = (string?)spec["names"]?["plural"] ?? kind.ToLowerInvariant() + "s";
            if ((string?)spec["scope"] == "Cluster")
            {
                notes.Add($"{source.Where}: {kind} is cluster-scoped; set no namespace on it (the environment namespace applies to kinds gitops does not know as cluster-scoped).");
            }

            foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var name = (string?)version["name"] ?? throw new ImportException($"{source.Where}: a version has no name.");
                var schema = version["schema"]?["openAPIV3Schema"] as JsonObject
                    ?? throw new ImportException($"{source.Where}: version {name} of {kind} has no schema.openAPIV3Schema; gitops needs a structural schema to generate classes.");
                var where = $"{source.Where}, version {name}";
                var model = CrdModelBuilder.Build(schema, group, name, kind, plural, where);
                files[$"{kind}.{name}.csx"] = ScriptFormatter.Format(CrdClassWriter.Write(model, wrapper, $"{source.Name} ({group}/{name})"));
            }
        }

        if (files.Count == 0)
        {
            throw new ImportException($"{string.Join(", ", sources.Select(s => s.File).Distinct())}: no CustomResourceDefinitions found.");
        }

        return new CrdImportResult(files, notes);
    }
}

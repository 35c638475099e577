using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>What an import produced: the files of the config repository, the objects it must render, and notes.</summary>
/// <param name="Files">Repository-relative path to content.</param>
/// <param name="Expected">Per environment, the input objects that rendering the repository must give back.</param>
/// <param name="Notes">What the user should know: untyped objects and why, Secrets kept in plain text.</param>
public sealed record ImportResult(IReadOnlyDictionary<string, string> Files, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Expected, IReadOnlyList<string> Notes);

/// <summary>
/// <c>gitops import</c>: plain manifests of one or more environments in, a config repository of idiomatic typed C#
/// out, which renders back to the same objects.
/// </summary>
public static class RepositoryImporter
{
    /// <summary>Plans and writes the repository in memory; throws <see cref="ImportException"/> on bad input.</summary>
    public static ImportResult Import(ImportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Environments.Count == 0)
        {
            throw new ImportException("nothing to import: give manifest files or folders, or --env NAME=DIR.");
        }

        foreach (var (environment, _) in request.Environments)
        {
            if (AppGrouping.Sanitize(environment, "") != environment)
            {
                throw new ImportException($"environment name '{environment}' must be lower-case letters, digits and dashes (it names environments/{environment}.csx).");
            }
        }

        var duplicate = request.Environments.GroupBy(pair => pair.Key, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new ImportException($"environment '{duplicate.Key}' is given twice.");
        }

        var plan = ImportPlanner.Plan(request);
        var expected = request.Environments.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<JsonObject>)ManifestReader.Read(pair.Value).Select(source => source.Manifest).ToList(),
            StringComparer.Ordinal);
        return new ImportResult(ScriptWriter.Files(plan), expected, plan.Notes);
    }

    /// <summary>
    /// Writes the files into <paramref name="outputDirectory"/>, which must not exist or be empty: first into a
    /// sibling temporary folder, checked there by <paramref name="check"/> if given, then moved into place, so a
    /// failure leaves nothing half-written.
    /// </summary>
    public static void Write(IReadOnlyDictionary<string, string> files, string outputDirectory, Action<string>? check = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var target = Path.GetFullPath(outputDirectory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new ImportException($"{outputDirectory}: already exists and is not empty; choose a new folder for the imported repository.");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.import-{Guid.NewGuid():N}");
        try
        {
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(staging, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            check?.Invoke(staging);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}

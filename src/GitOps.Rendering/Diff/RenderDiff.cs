using System.Text.Json.Nodes;
using GitOps.Rendering.Git;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Compares rendered trees object by object: between two versions of the config (<c>gitops diff --base</c>), or
/// between two environments of one version (<c>gitops diff --env staging --against-env prod</c>). Only object files
/// take part; each environment's metadata file and README are bookkeeping.
/// </summary>
public static class RenderDiff
{
    /// <summary>
    /// Compares every environment of <paramref name="baseFiles"/> with the same environment of
    /// <paramref name="headFiles"/>. An environment on one side only is reported with all its objects added or removed.
    /// </summary>
    /// <param name="baseFiles">The base tree.</param>
    /// <param name="headFiles">The head tree.</param>
    /// <param name="baseLabel">What the base is, for people.</param>
    /// <param name="headLabel">What the head is, for people.</param>
    /// <param name="environments">Only these environments; all when null or empty.</param>
    /// <exception cref="InvalidDataException">An object file is not a YAML map (the message names the file and line).</exception>
    public static DiffReport Compare(
        IReadOnlyCollection<RenderedFile> baseFiles, IReadOnlyCollection<RenderedFile> headFiles,
        string baseLabel, string headLabel, IReadOnlyCollection<string>? environments = null)
    {
        var baseEnvironments = RenderedLayout.Environments(baseFiles);
        var headEnvironments = RenderedLayout.Environments(headFiles);
        var names = baseEnvironments.Union(headEnvironments, StringComparer.Ordinal)
            .Where(name => environments is not { Count: > 0 } || environments.Contains(name))
            .Order(StringComparer.Ordinal);
        var result = new List<EnvironmentDiff>();
        foreach (var name in names)
        {
            var presence = !baseEnvironments.Contains(name) ? ChangeKind.Added
                : !headEnvironments.Contains(name) ? ChangeKind.Removed
                : ChangeKind.Changed;
            var alignment = ObjectAlignment.Align(
                RenderedObjectFile.Read(baseFiles, name),
                RenderedObjectFile.Read(headFiles, name),
                (ObjectAlignment.Identity, ObjectAlignment.Identity),
                // A generated ConfigMap whose content changed has a new hash in its name: still the same object.
                (SameNamespaceBareName, SameNamespaceBareName));
            result.Add(new EnvironmentDiff(name, name, presence, Differences(alignment, normalize: false)));
        }

        return new DiffReport(baseLabel, headLabel, result);

        static string SameNamespaceBareName(RenderedObjectFile file) =>
            ObjectAlignment.Join(file.App, file.Group, file.Kind, file.Namespace, EnvironmentNaming.BareName(file, EnvironmentNaming.Decoration.None));
    }

    /// <summary>
    /// What <paramref name="headEnvironment"/> has that <paramref name="baseEnvironment"/> does not, object by object,
    /// after pairing names that differ only by each environment's prefix, suffix, namespace or generated hash. The
    /// paired objects' own name and namespace are not reported as changes.
    /// </summary>
    /// <exception cref="ArgumentException">Either environment is not in the tree (the message lists those that are).</exception>
    public static DiffReport CompareEnvironments(IReadOnlyCollection<RenderedFile> files, string baseEnvironment, string headEnvironment)
    {
        var known = RenderedLayout.Environments(files);
        foreach (var environment in new[] { baseEnvironment, headEnvironment })
        {
            if (!known.Contains(environment))
            {
                throw new ArgumentException($"environment '{environment}' is not rendered; known environments: {(known.Count > 0 ? string.Join(", ", known) : "none")}.");
            }
        }

        var baseObjects = RenderedObjectFile.Read(files, baseEnvironment);
        var headObjects = RenderedObjectFile.Read(files, headEnvironment);
        var naming = EnvironmentNaming.Infer(baseObjects, headObjects);
        var alignment = ObjectAlignment.Align(baseObjects, headObjects, naming);
        var environmentDiff = new EnvironmentDiff(headEnvironment, baseEnvironment, ChangeKind.Changed, Differences(alignment, normalize: true));
        return new DiffReport(baseEnvironment, headEnvironment, [environmentDiff]);
    }

    private static List<ObjectDiff> Differences(ObjectAlignment.Result alignment, bool normalize)
    {
        var differences = new List<ObjectDiff>();
        foreach (var (left, right) in alignment.Pairs)
        {
            var baseManifest = left.Manifest;
            var baseText = left.Text;
            if (normalize)
            {
                // Across environments the pair's own name and namespace differ by design; compare the rest.
                baseManifest = (JsonObject)left.Manifest.DeepClone();
                var metadata = (JsonObject)baseManifest["metadata"]!;
                metadata["name"] = right.Name;
                if (right.Namespace.Length > 0)
                {
                    metadata["namespace"] = right.Namespace;
                }
                else
                {
                    metadata.Remove("namespace");
                }

                baseText = CanonicalYaml.Write(baseManifest);
            }

            var fields = FieldDiffer.Compare(baseManifest, right.Manifest);
            if (fields.Count > 0)
            {
                differences.Add(Describe(right, ChangeKind.Changed, left.Path, right.Path, fields, UnifiedDiff.Create(baseText, right.Text, "a/" + left.Path, "b/" + right.Path)));
            }
        }

        differences.AddRange(alignment.OnlyInBase.Select(file =>
            Describe(file, ChangeKind.Removed, file.Path, null, [], UnifiedDiff.Create(file.Text, "", "a/" + file.Path, "/dev/null"))));
        differences.AddRange(alignment.OnlyInHead.Select(file =>
            Describe(file, ChangeKind.Added, null, file.Path, [], UnifiedDiff.Create("", file.Text, "/dev/null", "b/" + file.Path))));
        return differences
            .OrderBy(d => d.App, StringComparer.Ordinal).ThenBy(d => d.Kind, StringComparer.Ordinal)
            .ThenBy(d => d.Namespace, StringComparer.Ordinal).ThenBy(d => d.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static ObjectDiff Describe(RenderedObjectFile file, ChangeKind change, string? basePath, string? headPath, IReadOnlyList<FieldChange> fields, string diff) =>
        new(file.App, file.Kind, file.Namespace, file.Name, change, basePath, headPath, fields, diff);
}

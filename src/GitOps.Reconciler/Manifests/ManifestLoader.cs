using System.Text.Json.Nodes;
using GitOps.Reconciler.Source;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Manifests;

/// <summary>
/// Parses every file of a snapshot and checks each object's identity before anything is applied. All problems are
/// collected, so one run reports every bad file rather than the first.
/// </summary>
internal static class ManifestLoader
{
    public static (IReadOnlyList<ManifestObject> Objects, IReadOnlyList<string> Errors) Load(IEnumerable<SourceFile> files)
    {
        // Files parse independently; in file order, so messages and plans stay deterministic.
        var parsed = files.AsParallel().AsOrdered().Select(file =>
        {
            var objects = new List<ManifestObject>();
            var errors = new List<string>();
            LoadFile(file, objects, errors);
            return (objects, errors);
        }).ToList();
        return (parsed.SelectMany(p => p.objects).ToList(), parsed.SelectMany(p => p.errors).ToList());
    }

    private static void LoadFile(SourceFile file, List<ManifestObject> objects, List<string> errors)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(file.Content));
        }
        catch (YamlException e)
        {
            errors.Add($"{file.Path}:{e.Start.Line}: not valid YAML: {Innermost(e).Message}");
            return;
        }

        foreach (var document in stream.Documents)
        {
            var root = document.RootNode;
            var line = (int)root.Start.Line;
            if (root is YamlScalarNode { Value: null or "" } || (root is YamlScalarNode scalar && scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null"))
            {
                continue;
            }

            JsonNode? json;
            try
            {
                json = YamlToJson.Convert(root);
            }
            catch (YamlException e)
            {
                errors.Add($"{file.Path}:{e.Start.Line}: {e.Message}");
                continue;
            }

            if (json is not JsonObject body)
            {
                errors.Add($"{file.Path}:{line}: a document must be a mapping (a Kubernetes object)");
                continue;
            }

            var missing = MissingIdentity(body);
            if (missing.Count > 0)
            {
                var kind = body["kind"] is JsonValue k && k.TryGetValue<string>(out var kindText) ? kindText : "object";
                errors.Add($"{file.Path}:{line}: {kind} has no {string.Join(", no ", missing)}");
                continue;
            }

            objects.Add(new ManifestObject(body, file.Path, line));
        }
    }

    private static List<string> MissingIdentity(JsonObject body)
    {
        var missing = new List<string>();
        if (!IsNonEmptyString(body["apiVersion"]))
        {
            missing.Add("apiVersion");
        }

        if (!IsNonEmptyString(body["kind"]))
        {
            missing.Add("kind");
        }

        if (body["metadata"] is not JsonObject metadata || !IsNonEmptyString(metadata["name"]))
        {
            missing.Add("metadata.name");
        }
        else if (metadata["namespace"] is { } ns && !IsNonEmptyString(ns))
        {
            missing.Add("valid metadata.namespace");
        }

        return missing;
    }

    private static bool IsNonEmptyString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0;

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}

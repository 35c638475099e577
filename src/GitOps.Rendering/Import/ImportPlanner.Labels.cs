using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Environment labels and annotations (kustomize <c>commonLabels</c>/<c>commonAnnotations</c> on metadata): a key
/// every typed object of the environment carries with one value (labels also on every pod template), and that
/// not every environment carries alike.
/// </summary>
internal sealed partial class ImportPlanner
{
    private void ExtractLabels(string environment, string field, SortedDictionary<string, string> target, bool withTemplates)
    {
        var uniform = UniformEntries(environment, field, withTemplates);
        foreach (var (key, value) in uniform)
        {
            var elsewhereAlike = environments.Where(other => other != environment)
                .All(other => UniformEntries(other, field, withTemplates).TryGetValue(key, out var otherValue) && otherValue == value);
            if (elsewhereAlike)
            {
                continue;
            }

            target[key] = value;
            foreach (var item in itemsByEnvironment[environment].Where(item => item.IsOverlaid))
            {
                Remove(item.Metadata, field, key);
                if (withTemplates)
                {
                    foreach (var template in TemplatesOf(item))
                    {
                        Remove(template["metadata"] as JsonObject, field, key);
                    }
                }
            }
        }
    }

    private Dictionary<string, string> UniformEntries(string environment, string field, bool withTemplates)
    {
        var maps = new List<JsonObject?>();
        foreach (var item in itemsByEnvironment[environment].Where(item => item.IsOverlaid))
        {
            maps.Add(item.Metadata[field] as JsonObject);
            if (withTemplates)
            {
                maps.AddRange(TemplatesOf(item).Select(template => template["metadata"]?[field] as JsonObject));
            }
        }

        if (maps.Count == 0 || maps.Any(map => map is null))
        {
            return [];
        }

        return maps[0]!.Where(pair => JsonTrees.IsString(pair.Value))
            .Select(pair => (pair.Key, Value: (string)pair.Value!))
            .Where(pair => maps.All(map => JsonTrees.IsString(map![pair.Key]) && (string)map[pair.Key]! == pair.Value))
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
    }

    private static void Remove(JsonObject? metadata, string field, string key)
    {
        if (metadata?[field] is JsonObject map)
        {
            map.Remove(key);
            if (map.Count == 0)
            {
                metadata.Remove(field);
            }
        }
    }
}

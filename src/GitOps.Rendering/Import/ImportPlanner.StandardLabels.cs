using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Apps whose objects carry the labels gitops itself adds (a re-import of rendered output): the labels are left
/// to the DSL (<c>standardLabels</c> on) instead of being written into every object.
/// </summary>
internal sealed partial class ImportPlanner
{
    private readonly HashSet<string> standardLabelApps = new(StringComparer.Ordinal);

    private void RecognizeStandardLabels()
    {
        var apps = itemsByEnvironment.Values.SelectMany(items => items).Select(item => item.App).Distinct(StringComparer.Ordinal).ToList();
        foreach (var app in apps)
        {
            var overlaid = environments.SelectMany(env => itemsByEnvironment[env].Where(item => item.App == app && item.IsOverlaid).Select(item => (env, item))).ToList();
            if (overlaid.Count == 0 || !overlaid.All(pair => CarriesStandardLabels(pair.item, app, pair.env)))
            {
                continue;
            }

            standardLabelApps.Add(app);
            foreach (var (_, item) in overlaid)
            {
                // name and part-of stay: the DSL only fills them in when missing, and components set them themselves.
                foreach (var labels in new[] { item.Metadata["labels"] as JsonObject }.Concat(TemplatesOf(item).Select(t => t["metadata"]?["labels"] as JsonObject)))
                {
                    labels?.Remove(StandardLabels.ManagedBy);
                    labels?.Remove(StandardLabels.Instance);
                }
            }
        }
    }

    private static bool CarriesStandardLabels(ImportItem item, string app, string environment)
    {
        var instance = $"{app}-{environment}";
        var labels = item.Metadata["labels"] as JsonObject;
        return Is(labels, StandardLabels.PartOf, app) && Is(labels, StandardLabels.ManagedBy, StandardLabels.ManagedByValue)
            && Is(labels, StandardLabels.Instance, instance) && JsonTrees.IsString(labels?[StandardLabels.Name])
            && TemplatesOf(item).All(template => template["metadata"]?["labels"] is JsonObject templateLabels
                && Is(templateLabels, StandardLabels.ManagedBy, StandardLabels.ManagedByValue) && Is(templateLabels, StandardLabels.Instance, instance));
    }

    private static bool Is(JsonObject? labels, string key, string value) =>
        JsonTrees.IsString(labels?[key]) && (string)labels![key]! == value;
}

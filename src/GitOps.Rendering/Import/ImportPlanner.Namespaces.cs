namespace GitOps.Rendering.Import;

/// <summary>The environment namespace: the one every namespaced typed object shares (or most of them do).</summary>
internal sealed partial class ImportPlanner
{
    private void ExtractNamespace(string environment)
    {
        var items = itemsByEnvironment[environment];
        var namespaced = items.Where(item => item.IsOverlaid && !item.ClusterScoped).ToList();
        if (namespaced.Count == 0 || namespaced.Any(item => !JsonTrees.IsString(item.Metadata["namespace"])))
        {
            // Setting one would put the objects without a namespace into it.
            DemoteNamespacedGenerators(items);
            return;
        }

        var chosen = namespaced.GroupBy(item => (string)item.Metadata["namespace"]!, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => items.IndexOf(group.First()))
            .First().Key;
        overlays[environment].Namespace = chosen;

        // An untyped object without a namespace must not receive the environment's.
        foreach (var item in items.Where(item => !item.IsOverlaid && item.Metadata["namespace"] is null))
        {
            item.ClusterScoped = true;
        }

        foreach (var item in items.Where(item => !item.ClusterScoped && JsonTrees.IsString(item.Metadata["namespace"]) && (string)item.Metadata["namespace"]! == chosen))
        {
            item.Metadata.Remove("namespace");
        }

        DemoteNamespacedGenerators(items);
    }

    /// <summary>A generator never sets a namespace of its own; one that needs another namespace stays a typed ConfigMap.</summary>
    private static void DemoteNamespacedGenerators(IEnumerable<ImportItem> items)
    {
        foreach (var item in items.Where(item => item.Form == ItemForm.Generator && item.Metadata["namespace"] is not null))
        {
            item.Form = ItemForm.Typed;
            item.Metadata["name"] = item.Source.Name;
        }
    }
}

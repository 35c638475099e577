using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Matches objects across environments, writes each shared version once, and expresses each environment's
/// differences as image and replica overrides where those fit every object exactly, and as patches otherwise.
/// </summary>
internal sealed partial class ImportPlanner
{
    private sealed class Group(string key, ImportItem first)
    {
        public string Key { get; } = key;

        public ImportItem First { get; } = first;

        public Dictionary<string, ImportItem> ByEnvironment { get; } = new(StringComparer.Ordinal);

        public JsonObject Shared { get; set; } = [];
    }

    private List<AppPlan> MergeEnvironments()
    {
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        var order = new List<Group>();
        foreach (var environment in environments)
        {
            foreach (var item in itemsByEnvironment[environment])
            {
                var key = $"{item.Form}|{item.Key}";
                if (!groups.TryGetValue(key, out var group))
                {
                    group = new Group(key, item);
                    groups[key] = group;
                    order.Add(group);
                }

                group.ByEnvironment[environment] = item;
            }
        }

        foreach (var group in order)
        {
            group.Shared = (JsonObject)JsonMerge.Shared(group.ByEnvironment.Values.Select(item => (JsonNode?)item.Manifest).ToList())!;
        }

        foreach (var environment in environments)
        {
            var present = order.Where(group => group.ByEnvironment.ContainsKey(environment)).ToList();
            ChooseImageOverrides(environment, present);
            ChooseReplicaOverrides(environment, present);
            foreach (var group in present)
            {
                var item = group.ByEnvironment[environment];
                var expected = group.Shared;
                if (item.IsOverlaid)
                {
                    expected = WithOverrides(group.Shared, overlays[environment]);
                }

                var operations = JsonMerge.Difference(expected, item.Manifest);
                if (operations.Count > 0)
                {
                    var model = item.Form == ItemForm.Untyped ? null : item.ModelType;
                    overlays[environment].Patches.Add(new ObjectPatchPlan(item.App, item.Kind, item.Name, model, operations));
                }
            }
        }

        return order.GroupBy(group => group.First.App, StringComparer.Ordinal)
            .Select(app => new AppPlan(app.Key, app.Select(group => new PlannedObject(
                group.First,
                group.Shared,
                group.ByEnvironment.Count == environments.Count ? null : environments.Where(group.ByEnvironment.ContainsKey).ToList(),
                group.First.Form == ItemForm.Untyped && group.ByEnvironment.Values.Any(item => item.ClusterScoped) && !GitOps.Dsl.ClusterScopedKinds.Contains(group.First.Kind))).ToList(),
                standardLabelApps.Contains(app.Key)))
            .OrderBy(app => app.Name, StringComparer.Ordinal)
            .ToList();
    }
}

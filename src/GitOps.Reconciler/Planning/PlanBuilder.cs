namespace GitOps.Reconciler.Planning;

/// <summary>
/// Orders the desired set: by wave, then CRDs, Namespaces, other cluster-scoped objects and namespaced objects, then
/// by <c>gitops.io/depends-on</c> within such a stage. A dependency on a later stage or a cycle is an error.
/// </summary>
internal static class PlanBuilder
{
    public static ApplyPlan Build(IReadOnlyList<DesiredObject> desired, List<string> errors)
    {
        var stageOf = desired.ToDictionary(o => o, o => (o.Wave, o.Category));
        foreach (var dependent in desired)
        {
            foreach (var dependency in dependent.DependsOn.Where(d => stageOf[d].CompareTo(stageOf[dependent]) > 0))
            {
                errors.Add($"{dependent.Location}: {dependent.Ref} depends on {dependency.Ref}, which is applied in a later stage (wave {dependency.Wave}, {dependency.Category})");
            }
        }

        var batches = new List<PlanBatch>();
        foreach (var stage in desired.GroupBy(o => stageOf[o]).OrderBy(g => g.Key.Wave).ThenBy(g => g.Key.Category))
        {
            AddLayers(stage.ToList(), stage.Key, batches, errors);
        }

        for (var i = 0; i < batches.Count; i++)
        {
            var next = i + 1 < batches.Count ? batches[i + 1] : null;
            batches[i].WaitForHealth = next is not null && (
                next.Wave != batches[i].Wave
                || batches[i].Category == ApplyCategory.CustomResourceDefinition
                || next.Objects.Any(o => o.DependsOn.Any(d => batches[i].Objects.Contains(d))));
        }

        return new ApplyPlan(batches);
    }

    /// <summary>Splits one stage into layers so that every object comes after the objects it depends on.</summary>
    private static void AddLayers(List<DesiredObject> stage, (int Wave, ApplyCategory Category) key, List<PlanBatch> batches, List<string> errors)
    {
        var members = stage.ToHashSet();
        var placed = new HashSet<DesiredObject>();
        var remaining = stage.OrderBy(o => o.Ref.ToString(), StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var layer = remaining.Where(o => o.DependsOn.All(d => !members.Contains(d) || placed.Contains(d))).ToList();
            if (layer.Count == 0)
            {
                errors.Add($"{Annotations.DependsOn} forms a cycle among: {string.Join(", ", remaining.Select(o => o.Ref))}");
                return;
            }

            batches.Add(new PlanBatch(key.Wave, key.Category, layer));
            placed.UnionWith(layer);
            remaining.RemoveAll(placed.Contains);
        }
    }
}

using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>The overlays that change content: patches, replicas, images, namespace and labels.</summary>
internal sealed partial class EnvironmentEvaluator
{
    private void ApplyPatches(EnvironmentBuilder environment)
    {
        foreach (var patch in environment.Patches)
        {
            foreach (var item in items.Where(item => patch.Selects(item.App.Name, item.Kind, item.Name)))
            {
                item.Manifest = patch.Apply(item.Manifest);
            }
        }
    }

    private void ApplyReplicas(EnvironmentBuilder environment)
    {
        foreach (var item in items.Where(item => item.IsOverlaid && item.Kind is "Deployment" or "StatefulSet" or "ReplicaSet"))
        {
            if (environment.Replicas.TryGetValue(item.Name, out var replicas) && item.Manifest["spec"] is JsonObject spec)
            {
                spec["replicas"] = replicas;
            }
        }
    }

    private void ApplyImages(EnvironmentBuilder environment)
    {
        if (environment.ImageOverrides.Count == 0)
        {
            return;
        }

        foreach (var pod in items.Where(item => item.IsOverlaid).SelectMany(item => PodSpecs.Find(item.Manifest)))
        {
            foreach (var container in PodSpecs.Containers(pod))
            {
                var image = (string?)container["image"];
                foreach (var rewritten in environment.ImageOverrides.Select(o => image is null ? null : o.Rewrite(image)).OfType<string>().Take(1))
                {
                    container["image"] = rewritten;
                }
            }
        }
    }

    private void ApplyNamespace(EnvironmentBuilder environment)
    {
        if (string.IsNullOrEmpty(environment.Namespace))
        {
            return;
        }

        foreach (var item in items.Where(item => !item.ClusterScoped && item.Metadata["namespace"] is null))
        {
            // Keep the canonical metadata order readable in the JSON too: name first, then namespace.
            var metadata = item.Metadata;
            var rest = metadata.Where(pair => pair.Key != "name").Select(pair => pair.Key).ToList();
            metadata["namespace"] = environment.Namespace;
            foreach (var key in rest)
            {
                var value = metadata[key];
                metadata.Remove(key);
                metadata[key] = value;
            }
        }
    }

    private void ApplyLabels(EnvironmentBuilder environment)
    {
        foreach (var item in items.Where(item => item.IsOverlaid))
        {
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (item.App.StandardLabels)
            {
                labels[StandardLabels.Name] = (string?)item.Metadata["labels"]?[StandardLabels.Name] ?? item.OriginalName ?? item.Name;
                labels[StandardLabels.PartOf] = item.App.Name;
                labels[StandardLabels.ManagedBy] = StandardLabels.ManagedByValue;
                labels[StandardLabels.Instance] = $"{item.App.Name}-{environment.Name}";
            }

            foreach (var (key, value) in environment.Labels)
            {
                labels[key] = value;
            }

            AddMissing(item.Map("labels"), labels);
            AddMissing(item.Map("annotations"), environment.Annotations);
            foreach (var template in PodSpecs.Templates(item.Manifest))
            {
                var metadata = template["metadata"] as JsonObject ?? (JsonObject)(template["metadata"] = new JsonObject());
                var templateLabels = metadata["labels"] as JsonObject ?? (JsonObject)(metadata["labels"] = new JsonObject());
                AddMissing(templateLabels, environment.Labels);
                if (item.App.StandardLabels)
                {
                    AddMissing(templateLabels, new Dictionary<string, string>
                    {
                        [StandardLabels.ManagedBy] = StandardLabels.ManagedByValue,
                        [StandardLabels.Instance] = $"{item.App.Name}-{environment.Name}",
                    });
                }
            }
        }
    }

    /// <summary>Labels the script set itself win over overlay labels.</summary>
    private static void AddMissing(JsonObject target, IEnumerable<KeyValuePair<string, string>> values)
    {
        foreach (var (key, value) in values)
        {
            if (target[key] is null)
            {
                target[key] = value;
            }
        }
    }
}

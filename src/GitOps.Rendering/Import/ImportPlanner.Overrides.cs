using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Image and replica overrides (kustomize <c>images:</c> and <c>replicas:</c>). Each applies to every matching
/// container or workload of the environment, so one is chosen only when it gives every one of them its value.
/// </summary>
internal sealed partial class ImportPlanner
{
    private void ChooseImageOverrides(string environment, IReadOnlyList<Group> present)
    {
        var pairs = new List<(string? Shared, string Actual)>();
        foreach (var group in present.Where(group => group.ByEnvironment[environment].IsOverlaid))
        {
            var shared = ContainerImages(group.Shared);
            foreach (var (slot, actual) in ContainerImages(group.ByEnvironment[environment].Manifest))
            {
                pairs.Add((shared.GetValueOrDefault(slot), actual));
            }
        }

        var names = pairs.Where(pair => pair.Shared is not null).Select(pair => ImageReference.Split(pair.Shared!).Name).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var affected = pairs.Where(pair => (pair.Shared is not null && ImageReference.Split(pair.Shared).Name == name) || ImageReference.Split(pair.Actual).Name == name).ToList();
            var suffixes = affected.Select(pair => ImageReference.Split(pair.Actual)).ToList();
            if (suffixes.Any(split => split.Name != name) || suffixes.Select(split => split.Suffix).Distinct(StringComparer.Ordinal).Count() != 1)
            {
                continue;
            }

            var suffix = suffixes[0].Suffix;
            if (suffix.Length > 1 && affected.Any(pair => pair.Shared != pair.Actual))
            {
                overlays[environment].Images[name] = suffix;
            }
        }
    }

    private void ChooseReplicaOverrides(string environment, IReadOnlyList<Group> present)
    {
        var workloads = present.Where(group => group.ByEnvironment[environment].IsOverlaid && group.First.Kind is "Deployment" or "StatefulSet" or "ReplicaSet").ToList();
        foreach (var byName in workloads.GroupBy(group => group.ByEnvironment[environment].Name, StringComparer.Ordinal))
        {
            var actual = byName.Select(group => group.ByEnvironment[environment].Manifest["spec"]?["replicas"]).ToList();
            if (byName.Any(group => group.Shared["spec"] is not JsonObject)
                || actual.Any(value => value is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.Number)
                || actual.Select(value => value!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() != 1
                || !int.TryParse(actual[0]!.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var replicas))
            {
                continue;
            }

            if (byName.Any(group => group.Shared["spec"]?["replicas"]?.ToJsonString() != actual[0]!.ToJsonString()))
            {
                overlays[environment].Replicas[byName.Key] = replicas;
            }
        }
    }

    /// <summary>The shared object after the environment's image and replica overrides, as the DSL applies them.</summary>
    private static JsonObject WithOverrides(JsonObject shared, EnvironmentPlan overlay)
    {
        var copy = (JsonObject)shared.DeepClone();
        if (copy["kind"]?.ToString() is "Deployment" or "StatefulSet" or "ReplicaSet"
            && overlay.Replicas.TryGetValue((string?)copy["metadata"]?["name"] ?? "", out var replicas) && copy["spec"] is JsonObject spec)
        {
            spec["replicas"] = replicas;
        }

        foreach (var pod in PodSpecs.Find(copy))
        {
            foreach (var container in PodSpecs.Containers(pod).Where(container => JsonTrees.IsString(container["image"])))
            {
                var (name, _) = ImageReference.Split((string)container["image"]!);
                if (overlay.Images.TryGetValue(name, out var suffix))
                {
                    container["image"] = name + suffix;
                }
            }
        }

        return copy;
    }

    /// <summary>Every container image of an object, by pod, list and container name.</summary>
    private static Dictionary<string, string> ContainerImages(JsonObject manifest)
    {
        var images = new Dictionary<string, string>(StringComparer.Ordinal);
        var pod = 0;
        foreach (var spec in PodSpecs.Find(manifest))
        {
            foreach (var field in new[] { "initContainers", "containers", "ephemeralContainers" })
            {
                foreach (var container in (spec[field] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (JsonTrees.IsString(container["image"]) && JsonTrees.IsString(container["name"]))
                    {
                        images[$"{pod}/{field}/{container["name"]}"] = (string)container["image"]!;
                    }
                }
            }

            pod++;
        }

        return images;
    }
}

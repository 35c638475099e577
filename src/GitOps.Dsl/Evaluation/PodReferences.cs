using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>A reference from a pod spec to a ConfigMap, Secret, ServiceAccount or PVC, which can be read and rewritten.</summary>
internal sealed record PodReference(string Kind, string Name, string Field, JsonObject Holder, string Property, bool Optional = false)
{
    public void Set(string name) => Holder[Property] = name;
}

/// <summary>Every place a pod spec names another object: volumes, envFrom, valueFrom, imagePullSecrets, serviceAccountName.</summary>
internal static class PodReferences
{
    public static IEnumerable<PodReference> Find(JsonObject manifest) =>
        PodSpecs.FindWithPath(manifest).SelectMany(found => InPodSpec(found.Spec, found.Path));

    private static IEnumerable<PodReference> InPodSpec(JsonObject pod, string path)
    {
        if ((string?)pod["serviceAccountName"] is { Length: > 0 } account)
        {
            yield return new PodReference("ServiceAccount", account, $"{path}.serviceAccountName", pod, "serviceAccountName");
        }

        foreach (var (secret, i) in Indexed(pod["imagePullSecrets"]))
        {
            if (Ref(secret, "Secret", "name", $"{path}.imagePullSecrets[{i}].name") is { } reference)
            {
                yield return reference;
            }
        }

        foreach (var (volume, i) in Indexed(pod["volumes"]))
        {
            var at = $"{path}.volumes[{i}]";
            var found = new[]
            {
                Ref(volume["configMap"] as JsonObject, "ConfigMap", "name", $"{at}.configMap.name"),
                Ref(volume["secret"] as JsonObject, "Secret", "secretName", $"{at}.secret.secretName"),
                Ref(volume["persistentVolumeClaim"] as JsonObject, "PersistentVolumeClaim", "claimName", $"{at}.persistentVolumeClaim.claimName"),
            };
            foreach (var reference in found.OfType<PodReference>())
            {
                yield return reference;
            }

            foreach (var (source, j) in Indexed(volume["projected"]?["sources"]))
            {
                var sourceAt = $"{at}.projected.sources[{j}]";
                if (Ref(source["configMap"] as JsonObject, "ConfigMap", "name", $"{sourceAt}.configMap.name") is { } map)
                {
                    yield return map;
                }

                if (Ref(source["secret"] as JsonObject, "Secret", "name", $"{sourceAt}.secret.name") is { } secret)
                {
                    yield return secret;
                }
            }
        }

        foreach (var field in new[] { "initContainers", "containers" })
        {
            foreach (var (container, i) in Indexed(pod[field]))
            {
                foreach (var reference in InContainer(container, $"{path}.{field}[{i}]"))
                {
                    yield return reference;
                }
            }
        }
    }

    private static IEnumerable<PodReference> InContainer(JsonObject container, string at)
    {
        foreach (var (source, i) in Indexed(container["envFrom"]))
        {
            var found = new[]
            {
                Ref(source["configMapRef"] as JsonObject, "ConfigMap", "name", $"{at}.envFrom[{i}].configMapRef.name", source["configMapRef"]?["optional"]),
                Ref(source["secretRef"] as JsonObject, "Secret", "name", $"{at}.envFrom[{i}].secretRef.name", source["secretRef"]?["optional"]),
            };
            foreach (var reference in found.OfType<PodReference>())
            {
                yield return reference;
            }
        }

        foreach (var (env, i) in Indexed(container["env"]))
        {
            var from = env["valueFrom"];
            var found = new[]
            {
                Ref(from?["configMapKeyRef"] as JsonObject, "ConfigMap", "name", $"{at}.env[{i}].valueFrom.configMapKeyRef.name", from?["configMapKeyRef"]?["optional"]),
                Ref(from?["secretKeyRef"] as JsonObject, "Secret", "name", $"{at}.env[{i}].valueFrom.secretKeyRef.name", from?["secretKeyRef"]?["optional"]),
            };
            foreach (var reference in found.OfType<PodReference>())
            {
                yield return reference;
            }
        }
    }

    private static PodReference? Ref(JsonObject? holder, string kind, string property, string field, JsonNode? optional = null) =>
        holder is not null && (string?)holder[property] is { Length: > 0 } name
            ? new PodReference(kind, name, field, holder, property, optional?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            : null;

    private static IEnumerable<(JsonObject Item, int Index)> Indexed(JsonNode? array) =>
        (array as JsonArray ?? []).Select((item, index) => (item as JsonObject, index))
            .Where(pair => pair.Item1 is not null)
            .Select(pair => (pair.Item1!, pair.index));
}

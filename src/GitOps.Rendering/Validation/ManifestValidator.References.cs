using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Validation;

/// <summary>Duplicates, dangling pod references and Service selectors that select nothing.</summary>
public static partial class ManifestValidator
{
    private static void CheckDuplicates(ValidationContext context)
    {
        var first = new Dictionary<(string Group, string Kind, string Namespace, string Name), RenderedObject>();
        foreach (var item in context.Environment.Objects)
        {
            var key = (Group(item), item.Kind, item.Namespace, item.Name);
            if (!first.TryAdd(key, item))
            {
                var other = first[key];
                var where = other.App == item.App ? $"app '{item.App}' yields it twice" : $"apps '{other.App}' and '{item.App}' both define it";
                context.Error(item, "metadata.name", $"duplicate {item.Kind} '{item.Name}'{(item.Namespace.Length > 0 ? $" in namespace '{item.Namespace}'" : "")}: {where} ({other.Source} and {item.Source}).");
            }
        }
    }

    private static void CheckReferences(ValidationContext context)
    {
        var defined = context.Environment.Objects.Select(item => (item.Kind, item.Namespace, item.Name)).ToHashSet();
        var external = context.Environment.External;
        foreach (var item in context.Environment.Objects)
        {
            foreach (var reference in PodReferences.Find(item.Manifest).Where(reference => !reference.Optional))
            {
                var isExternal = reference.Kind switch
                {
                    "ConfigMap" => external.ConfigMaps.Contains(reference.Name),
                    "Secret" => external.Secrets.Contains(reference.Name),
                    "ServiceAccount" => reference.Name == "default" || external.ServiceAccounts.Contains(reference.Name),
                    "PersistentVolumeClaim" => external.PersistentVolumeClaims.Contains(reference.Name),
                    _ => false,
                };
                if (!isExternal && !defined.Contains((reference.Kind, item.Namespace, reference.Name)))
                {
                    var list = reference.Kind switch
                    {
                        "ConfigMap" => "ConfigMaps",
                        "Secret" => "Secrets",
                        "ServiceAccount" => "ServiceAccounts",
                        _ => "PersistentVolumeClaims",
                    };
                    context.Error(item, reference.Field,
                        $"references {reference.Kind} '{reference.Name}', which environment '{context.Environment.Name}' does not define{(item.Namespace.Length > 0 ? $" in namespace '{item.Namespace}'" : "")}; define it, or declare it external with e.External.{list}.Add(\"{reference.Name}\").");
                }
            }
        }
    }

    private static void CheckServiceSelectors(ValidationContext context)
    {
        // Pod label sets indexed by namespace and one label, so each Service only compares with pods that could match.
        var pods = new Dictionary<(string Namespace, string Key, string Value), List<Dictionary<string, string>>>();
        var podLabelSets = context.Environment.Objects
            .SelectMany(item => PodSpecs.Templates(item.Manifest).Select(template => (item.Namespace, Labels: template["metadata"]?["labels"] as JsonObject)))
            .Concat(context.Environment.Objects.Where(item => item.Kind == "Pod").Select(item => (item.Namespace, Labels: item.Manifest["metadata"]?["labels"] as JsonObject)));
        foreach (var (ns, labels) in podLabelSets)
        {
            var set = Strings(labels);
            foreach (var (key, value) in set)
            {
                var slot = (ns, key, value);
                if (!pods.TryGetValue(slot, out var list))
                {
                    pods[slot] = list = [];
                }

                list.Add(set);
            }
        }

        foreach (var service in context.Environment.Objects.Where(item => item.Kind == "Service"))
        {
            var selector = Strings(service.Manifest["spec"]?["selector"] as JsonObject);
            if (selector.Count == 0)
            {
                continue;
            }

            var (firstKey, firstValue) = selector.First();
            var matches = pods.TryGetValue((service.Namespace, firstKey, firstValue), out var candidates)
                && candidates.Any(pod => selector.All(pair => pod.TryGetValue(pair.Key, out var value) && value == pair.Value));
            if (!matches)
            {
                var text = string.Join(",", selector.Select(pair => $"{pair.Key}={pair.Value}"));
                context.Error(service, "spec.selector", $"selector {text} matches no pod template in environment '{context.Environment.Name}'; the Service would route to nothing.");
            }
        }
    }

    private static Dictionary<string, string> Strings(JsonObject? map) =>
        (map ?? []).Where(pair => pair.Value is JsonValue).ToDictionary(pair => pair.Key, pair => pair.Value!.ToString(), StringComparer.Ordinal);

    private static string Group(RenderedObject item)
    {
        var apiVersion = (string?)item.Manifest["apiVersion"] ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : apiVersion[..slash];
    }
}

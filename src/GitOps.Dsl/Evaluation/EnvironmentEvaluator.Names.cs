using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>
/// Final names: generated ConfigMaps/Secrets get a content hash, overlaid objects the environment prefix/suffix,
/// and every reference to a renamed object is rewritten (within the app first, then environment-wide when only
/// one app defines that name).
/// </summary>
internal sealed partial class EnvironmentEvaluator
{
    private void ApplyNames(EnvironmentBuilder environment)
    {
        var renames = new List<(string App, string Kind, string From, string To)>();
        foreach (var item in items.Where(item => item.IsOverlaid && !item.ClusterScoped))
        {
            var name = environment.NamePrefix + item.Name + environment.NameSuffix;
            if (item.HashSuffix)
            {
                name += "-" + GeneratedData.ContentHash(item.Manifest);
            }

            if (name != item.Name)
            {
                item.OriginalName = item.Name;
                renames.Add((item.App.Name, item.Kind, item.Name, name));
                item.Metadata["name"] = name;
            }
        }

        if (renames.Count == 0)
        {
            return;
        }

        var byApp = renames.GroupBy(r => (r.App, r.Kind, r.From)).ToDictionary(g => g.Key, g => g.First().To);
        var unique = renames.GroupBy(r => (r.Kind, r.From))
            .Where(g => g.Select(r => r.To).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().To);
        foreach (var item in items.Where(item => item.IsOverlaid))
        {
            string Resolve(string kind, string name) =>
                byApp.TryGetValue((item.App.Name, kind, name), out var own) ? own
                : unique.TryGetValue((kind, name), out var other) ? other
                : name;

            foreach (var reference in PodReferences.Find(item.Manifest))
            {
                reference.Set(Resolve(reference.Kind, reference.Name));
            }

            RewriteObjectReferences(item.Manifest, Resolve);
        }
    }

    /// <summary>References outside pod templates: HPA targets, Ingress backends, a StatefulSet's service.</summary>
    private static void RewriteObjectReferences(JsonObject manifest, Func<string, string, string> resolve)
    {
        var kind = (string?)manifest["kind"];
        var spec = manifest["spec"] as JsonObject;
        if (spec is null)
        {
            return;
        }

        switch (kind)
        {
            case "HorizontalPodAutoscaler" when spec["scaleTargetRef"] is JsonObject target && (string?)target["name"] is { } name:
                target["name"] = resolve((string?)target["kind"] ?? "", name);
                break;
            case "StatefulSet" when (string?)spec["serviceName"] is { } serviceName:
                spec["serviceName"] = resolve("Service", serviceName);
                break;
            case "Ingress":
                foreach (var backend in IngressBackends(spec))
                {
                    if ((string?)backend["name"] is { } service)
                    {
                        backend["name"] = resolve("Service", service);
                    }
                }

                break;
            default:
                break;
        }
    }

    private static IEnumerable<JsonObject> IngressBackends(JsonObject spec)
    {
        if (spec["defaultBackend"]?["service"] is JsonObject defaultBackend)
        {
            yield return defaultBackend;
        }

        foreach (var rule in (spec["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var path in (rule["http"]?["paths"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (path["backend"]?["service"] is JsonObject service)
                {
                    yield return service;
                }
            }
        }
    }
}

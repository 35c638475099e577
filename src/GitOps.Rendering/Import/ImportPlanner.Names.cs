using GitOps.Dsl;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Name prefix and suffix per environment (kustomize <c>namePrefix</c>/<c>nameSuffix</c>): the choice that lets
/// the most objects match across environments. Names and every reference the DSL rewrites lose them, and
/// generated ConfigMaps and Secrets lose their hash suffix, so the shared objects read as the author meant.
/// </summary>
internal sealed partial class ImportPlanner
{
    private const int MaxCombinations = 20_000;

    private void ExtractNamePrefixAndSuffix()
    {
        var candidates = environments.Select(env => Affixes(Renamable(env).Select(item => item.Name).ToList())).ToList();
        var total = candidates.Aggregate(1L, (product, list) => product * list.Count);
        var choice = environments.Select(_ => (Prefix: "", Suffix: "")).ToArray();
        if (total <= MaxCombinations)
        {
            var best = (Score: -1, Length: int.MaxValue);
            foreach (var combination in Combinations(candidates))
            {
                var score = Score(combination);
                var length = combination.Sum(pair => pair.Prefix.Length + pair.Suffix.Length);
                if (score > best.Score || (score == best.Score && length < best.Length))
                {
                    best = (score, length);
                    choice = [.. combination];
                }
            }
        }

        for (var i = 0; i < environments.Count; i++)
        {
            var (prefix, suffix) = choice[i];
            overlays[environments[i]].NamePrefix = prefix;
            overlays[environments[i]].NameSuffix = suffix;
            foreach (var item in Renamable(environments[i]))
            {
                item.Metadata["name"] = item.Name[prefix.Length..^suffix.Length];
            }
        }
    }

    /// <summary>Points references in pod templates, HPAs, StatefulSets and Ingresses back at the names scripts use.</summary>
    private void RestoreReferences(string environment)
    {
        var items = itemsByEnvironment[environment];
        var renames = Renamable(environment)
            .Select(item => (item.App, item.Kind, From: item.Name, To: item.Source.Name))
            .Where(rename => rename.From != rename.To)
            .ToList();
        if (renames.Count == 0)
        {
            return;
        }

        foreach (var item in items.Where(item => item.IsOverlaid))
        {
            string? Resolve(string kind, string from)
            {
                var own = renames.FirstOrDefault(r => r.App == item.App && r.Kind == kind && r.From == from);
                if (own.To is not null)
                {
                    return own.To;
                }

                var others = renames.Where(r => r.Kind == kind && r.From == from).Select(r => r.To).Distinct(StringComparer.Ordinal).ToList();
                return others.Count == 1 ? others[0] : null;
            }

            string Restore(string kind, string name) =>
                renames.Where(r => r.Kind == kind && r.To == name).Select(r => r.From).FirstOrDefault(from => Resolve(kind, from) == name) ?? name;

            foreach (var reference in PodReferences.Find(item.Manifest))
            {
                reference.Set(Restore(reference.Kind, reference.Name));
            }

            var spec = item.Manifest["spec"] as JsonObject;
            var scaleTarget = spec?["scaleTargetRef"] as JsonObject;
            var serviceName = spec?["serviceName"];
            switch (item.Kind)
            {
                case "HorizontalPodAutoscaler" when scaleTarget is { } target && JsonTrees.IsString(target["name"]) && JsonTrees.IsString(target["kind"]):
                    var targetKind = target["kind"]!.GetValue<string>();
                    target["name"] = Restore(targetKind, target["name"]!.GetValue<string>());
                    break;
                case "StatefulSet" when JsonTrees.IsString(serviceName):
                    spec!["serviceName"] = Restore("Service", spec["serviceName"]!.GetValue<string>());
                    break;
                case "Ingress" when spec is not null:
                    foreach (var backend in IngressBackends(spec).Where(backend => JsonTrees.IsString(backend["name"])))
                    {
                        backend["name"] = Restore("Service", backend["name"]!.GetValue<string>());
                    }

                    break;
                default:
                    break;
            }
        }
    }

    private IEnumerable<ImportItem> Renamable(string environment) =>
        itemsByEnvironment[environment].Where(item => item.IsOverlaid && !item.ClusterScoped);

    private int Score((string Prefix, string Suffix)[] combination)
    {
        var keys = environments.Select((env, i) => Renamable(env)
            .Select(item => $"{item.App}|{item.ApiVersion}|{item.Kind}|{item.Name[combination[i].Prefix.Length..^combination[i].Suffix.Length]}")
            .ToHashSet(StringComparer.Ordinal)).ToList();
        var score = 0;
        for (var a = 0; a < keys.Count; a++)
        {
            for (var b = a + 1; b < keys.Count; b++)
            {
                score += keys[a].Count(keys[b].Contains);
            }
        }

        return score;
    }

    /// <summary>Prefixes and suffixes every name shares, cut at dashes, that leave no name empty.</summary>
    private static List<(string Prefix, string Suffix)> Affixes(List<string> names)
    {
        if (names.Count == 0)
        {
            return [("", "")];
        }

        var shortest = names.Min(name => name.Length);
        var common = names.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Count()]);
        var commonEnd = names.Select(name => new string(name.Reverse().ToArray()))
            .Aggregate((a, b) => a[..a.Zip(b).TakeWhile(pair => pair.First == pair.Second).Count()]);
        var prefixes = new List<string> { "" };
        prefixes.AddRange(Enumerable.Range(1, common.Length).Where(n => common[n - 1] == '-' && n < shortest).Select(n => common[..n]));
        var suffixes = new List<string> { "" };
        suffixes.AddRange(Enumerable.Range(1, commonEnd.Length).Where(n => commonEnd[n - 1] == '-' && n < shortest)
            .Select(n => new string(commonEnd[..n].Reverse().ToArray())));
        return [.. prefixes.SelectMany(prefix => suffixes.Where(suffix => prefix.Length + suffix.Length < shortest).Select(suffix => (prefix, suffix)))];
    }

    private static IEnumerable<(string Prefix, string Suffix)[]> Combinations(List<List<(string Prefix, string Suffix)>> candidates, int index = 0)
    {
        if (index == candidates.Count)
        {
            yield return new (string, string)[candidates.Count];
            yield break;
        }

        foreach (var rest in Combinations(candidates, index + 1))
        {
            foreach (var candidate in candidates[index])
            {
                var copy = ((string, string)[])rest.Clone();
                copy[index] = candidate;
                yield return copy;
            }
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

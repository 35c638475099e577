using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Manifests;

namespace GitOps.Reconciler.Planning;

/// <summary>
/// Resolves manifests against discovery (and the CRDs in the set), defaults namespaces, rejects duplicates and bad
/// annotations, and labels each object as a member of the ApplySet. Errors name the file, line and object.
/// </summary>
internal static class DesiredSetBuilder
{
    /// <summary>
    /// The desired set of <paramref name="manifests"/>. Takes the manifests over: each accepted manifest's body becomes
    /// the object's body (namespace defaulted, membership label and applied hash added), so build once per load.
    /// </summary>
    public static IReadOnlyList<DesiredObject> Build(
        IReadOnlyList<ManifestObject> manifests, ApiResources resources, string applySetId, List<string> errors)
    {
        AddKindsDefinedBySet(manifests, resources);
        var desired = new List<DesiredObject>();
        var seen = new Dictionary<ObjectRef, ManifestObject>();
        foreach (var manifest in manifests)
        {
            var resource = resources.Find(manifest.Group, manifest.Version, manifest.Kind);
            if (resource is null)
            {
                errors.Add($"{manifest.Location}: {manifest.Kind} {manifest.Name}: the cluster does not serve {manifest.ApiVersion} {manifest.Kind} and no CustomResourceDefinition in the set defines it");
                continue;
            }

            var ns = resource.Namespaced ? manifest.Namespace ?? "default" : null;
            var reference = new ObjectRef(manifest.Group, manifest.Kind, ns, manifest.Name);
            if (seen.TryGetValue(reference, out var first))
            {
                errors.Add($"{manifest.Location}: duplicate {reference}, first defined at {first.Location}");
                continue;
            }

            seen[reference] = manifest;
            if (!TryParseWave(manifest, errors, out var wave))
            {
                continue;
            }

            desired.Add(new DesiredObject(manifest, resource, reference, MemberBody(manifest, ns, applySetId), wave));
        }

        ResolveDependencies(desired, errors);
        return desired;
    }

    /// <summary>Registers the kinds the CRDs in the set will serve, so their custom resources plan before the CRD exists.</summary>
    public static void AddKindsDefinedBySet(IReadOnlyList<ManifestObject> manifests, ApiResources resources)
    {
        foreach (var crd in manifests.Where(m => m is { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" }))
        {
            resources.AddDefinedBy(crd.Body);
        }
    }

    /// <summary>The same for a desired set already built (after discovery was refreshed).</summary>
    public static void AddKindsDefinedBySet(IReadOnlyList<DesiredObject> desired, ApiResources resources)
    {
        foreach (var crd in desired.Where(o => o.IsCustomResourceDefinition))
        {
            resources.AddDefinedBy(crd.Body);
        }
    }

    private static bool TryParseWave(ManifestObject manifest, List<string> errors, out int wave)
    {
        wave = 0;
        var text = manifest.Annotation(Annotations.Wave);
        if (text is null || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out wave))
        {
            return true;
        }

        errors.Add($"{manifest.Location}: {manifest.Kind} {manifest.Name}: annotation {Annotations.Wave} must be an integer, not '{text}'");
        return false;
    }

    /// <summary>
    /// Turns the manifest's body into the body to apply, in place: a run reads each commit's manifests once and builds
    /// one desired set from them, so a copy would only double the memory a run holds (thousands of node trees).
    /// </summary>
    private static JsonObject MemberBody(ManifestObject manifest, string? ns, string applySetId)
    {
        var body = manifest.Body;
        var metadata = (JsonObject)body["metadata"]!;
        if (ns is null)
        {
            metadata.Remove("namespace");
        }
        else
        {
            metadata["namespace"] = ns;
        }

        if (metadata["labels"] is not JsonObject labels)
        {
            labels = [];
            metadata["labels"] = labels;
        }

        labels[Annotations.ApplySetPartOf] = applySetId;
        if (metadata["annotations"] is not JsonObject annotations)
        {
            annotations = [];
            metadata["annotations"] = annotations;
        }

        // Hash of everything we send except the hash itself: lets the next run recognise an unchanged object.
        annotations[Engine.AppliedHash.Annotation] = Engine.AppliedHash.Compute(body);
        return body;
    }

    private static void ResolveDependencies(List<DesiredObject> desired, List<string> errors)
    {
        var byKey = desired.ToLookup(o => (o.Ref.Group, o.Ref.Kind, o.Ref.Name));
        foreach (var dependent in desired)
        {
            var text = dependent.Annotation(Annotations.DependsOn);
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var target = Resolve(item, dependent, byKey);
                if (target is null)
                {
                    errors.Add($"{dependent.Location}: {dependent.Ref}: {Annotations.DependsOn} names '{item}', which is not in the desired set (use [group/]Kind/[namespace/]name)");
                }
                else if (target == dependent)
                {
                    errors.Add($"{dependent.Location}: {dependent.Ref}: {Annotations.DependsOn} names the object itself");
                }
                else
                {
                    dependent.DependsOn.Add(target);
                }
            }
        }
    }

    private static DesiredObject? Resolve(string item, DesiredObject dependent, ILookup<(string, string, string), DesiredObject> byKey)
    {
        var parts = item.Split('/');
        var group = "";
        var index = 0;
        if (parts.Length > 0 && parts[0].Length > 0 && char.IsLower(parts[0][0]))
        {
            group = parts[0];
            index = 1;
        }

        var rest = parts[index..];
        if (rest.Length is < 2 or > 3)
        {
            return null;
        }

        var (kind, ns, name) = rest.Length == 3 ? (rest[0], rest[1], rest[2]) : (rest[0], dependent.Ref.Namespace, rest[1]);
        var candidates = byKey[(group, kind, name)].ToList();
        return candidates.FirstOrDefault(c => c.Ref.Namespace == ns)
            ?? (rest.Length == 2 ? candidates.FirstOrDefault(c => c.Ref.Namespace is null) : null);
    }
}

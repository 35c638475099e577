using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Turns the objects of one or more environments into a plan: apps with the objects they share, and per
/// environment the overlay (namespace, name prefix/suffix, labels, images, replicas, patches) that turns the
/// shared objects back into exactly that environment's objects.
/// </summary>
internal sealed partial class ImportPlanner
{
    private readonly List<string> notes = [];
    private readonly List<string> environments = [];
    private readonly Dictionary<string, List<ImportItem>> itemsByEnvironment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnvironmentPlan> overlays = new(StringComparer.Ordinal);

    public static ImportPlan Plan(ImportRequest request)
    {
        var planner = new ImportPlanner();
        foreach (var (environment, inputs) in request.Environments)
        {
            planner.Read(environment, inputs, request);
        }

        return planner.Build();
    }

    private bool MultipleEnvironments => environments.Count > 1;

    private void Read(string environment, IReadOnlyList<string> inputs, ImportRequest request)
    {
        var sources = ManifestReader.Read(inputs);
        if (sources.Count == 0)
        {
            throw new ImportException($"{string.Join(", ", inputs)}: no Kubernetes objects found for environment '{environment}'.");
        }

        RefuseDuplicates(sources);
        var apps = AppGrouping.Assign(sources, request.App, AppGrouping.Sanitize(request.DefaultApp, "app"));
        var items = sources.Select((source, i) => new ImportItem(source, apps[i])).ToList();
        foreach (var item in items)
        {
            ItemClassifier.Classify(item);
        }

        environments.Add(environment);
        itemsByEnvironment[environment] = items;
        overlays[environment] = new EnvironmentPlan(environment);
    }

    private ImportPlan Build()
    {
        foreach (var environment in environments)
        {
            ExtractNamespace(environment);
        }

        if (MultipleEnvironments)
        {
            ExtractNamePrefixAndSuffix();
        }

        foreach (var environment in environments)
        {
            RestoreReferences(environment);
        }

        RecognizeStandardLabels();

        if (MultipleEnvironments)
        {
            foreach (var environment in environments)
            {
                ExtractLabels(environment, "labels", overlays[environment].Labels, withTemplates: true);
                ExtractLabels(environment, "annotations", overlays[environment].Annotations, withTemplates: false);
            }
        }

        foreach (var item in itemsByEnvironment.Values.SelectMany(items => items).Where(item => item.Form == ItemForm.Untyped))
        {
            notes.Add($"{item.Source.Where}: imported untyped (CustomObject), kept exactly: {item.UntypedReason}.");
        }

        foreach (var item in itemsByEnvironment.Values.SelectMany(items => items).Where(item => item.Kind == "Secret"))
        {
            notes.Add($"{item.Source.Where}: a Secret with its data in plain text; imported with the explicit opt-in to keep it in git. Move it to a sealed or external secret.");
        }

        var apps = MergeEnvironments();
        return new ImportPlan(environments, apps, environments.Select(name => overlays[name]).ToList(), notes.Distinct(StringComparer.Ordinal).ToList());
    }

    private static void RefuseDuplicates(IReadOnlyList<SourceObject> sources)
    {
        var seen = new Dictionary<string, SourceObject>(StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var key = $"{source.ApiVersion}/{source.Kind}/{(string?)source.Manifest["metadata"]?["namespace"]}/{source.Name}";
            if (!seen.TryAdd(key, source))
            {
                throw new ImportException($"{source.Where}: the same object is also defined in {seen[key].Where}.");
            }
        }
    }

    private static IEnumerable<JsonObject> TemplatesOf(ImportItem item) => GitOps.Dsl.PodSpecs.Templates(item.Manifest);
}

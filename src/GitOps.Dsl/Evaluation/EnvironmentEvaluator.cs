using k8s;
using k8s.Models;
using System.Collections;
using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>
/// Turns the apps and the environment a script declared into plain JSON objects, applying the overlay in a fixed
/// order: expand components and generators, patches, replicas, images, content hashes, name prefix/suffix with
/// reference rewriting, namespace, labels.
/// </summary>
internal sealed partial class EnvironmentEvaluator(ScriptGlobals globals)
{
    private readonly List<WorkItem> items = [];

    public static EnvironmentManifest Evaluate(ScriptGlobals globals) => new EnvironmentEvaluator(globals).Run();

    private EnvironmentBuilder Environment => globals.DefinedEnvironment
        ?? throw new DslException($"environments/{globals.EnvironmentName}.csx never calls Environment(\"{globals.EnvironmentName}\", e => ...).");

    private EnvironmentManifest Run()
    {
        var environment = Environment;
        var appEnvironment = new AppEnvironment(environment.Name, environment.Namespace, environment.TypedValues);
        var seen = new Dictionary<string, AppDefinition>(StringComparer.Ordinal);
        foreach (var app in globals.Apps)
        {
            if (!seen.TryAdd(app.Name, app))
            {
                throw new DslException($"{app.Source}: app '{app.Name}' is declared twice (first at {seen[app.Name].Source}).");
            }

            var context = new ComponentContext(app.Name, appEnvironment);
            Expand(app, context, app.Build(appEnvironment), depth: 0);
        }

        ApplyPatches(environment);
        ApplyReplicas(environment);
        ApplyImages(environment);
        ApplyNames(environment);
        ApplyNamespace(environment);
        ApplyLabels(environment);
        foreach (var item in items)
        {
            DropEmptyMaps(item.Metadata);
        }

        var objects = items.Select(item => new RenderedObject(item.App.Name, item.Manifest, item.App.Source)
        {
            AllowsLiteralSecretData = item.AllowsLiteralSecretData,
        }).ToList();
        return new EnvironmentManifest(environment.Name, environment.Namespace, objects, environment.External);
    }

    private void Expand(AppDefinition app, ComponentContext context, object? result, int depth)
    {
        if (depth > 50)
        {
            throw new DslException($"{app.Source}: app '{app.Name}' nests components more than 50 deep; is a component yielding itself?");
        }

        switch (result)
        {
            case null:
                throw new DslException($"{app.Source}: app '{app.Name}' yielded null; return objects, components or a collection of them.");
            case Component component:
                foreach (var produced in component.Produce(context))
                {
                    Expand(app, context, produced, depth + 1);
                }

                break;
            case DataGenerator generator:
                items.Add(GeneratedData.Build(app, generator, globals.RepositoryRoot));
                break;
            case V1Secret secret:
                items.Add(new WorkItem(app, KubernetesTypes.ToJson(secret), ObjectOrigin.Typed) { AllowsLiteralSecretData = LiteralSecrets.IsAllowed(secret) });
                break;
            case IKubernetesObject typed:
                var json = KubernetesTypes.ToJson(typed);
                items.Add(new WorkItem(app, json, ObjectOrigin.Typed) { ClusterScoped = ClusterScopedKinds.Contains((string?)json["kind"] ?? "") });
                break;
            case CustomObject custom:
                items.Add(new WorkItem(app, CustomObjects.ToJson(custom), ObjectOrigin.Verbatim) { ClusterScoped = custom.ClusterScoped || ClusterScopedKinds.Contains(custom.Kind) });
                break;
            case YamlFile file:
                var path = ScriptPaths.Resolve(globals.RepositoryRoot, file.CallerFile, file.Path, app.Source);
                foreach (var document in YamlDocuments.Load(path, Path.GetRelativePath(globals.RepositoryRoot, path).Replace('\\', '/')))
                {
                    var kind = (string?)document["kind"] ?? "";
                    items.Add(new WorkItem(app, document, ObjectOrigin.Verbatim) { ClusterScoped = ClusterScopedKinds.Contains(kind) });
                }

                break;
            case string text:
                throw new DslException($"{app.Source}: app '{app.Name}' yielded the string \"{text}\"; return objects, components or a collection of them.");
            case IEnumerable collection:
                foreach (var element in collection)
                {
                    Expand(app, context, element, depth + 1);
                }

                break;
            default:
                throw new DslException($"{app.Source}: app '{app.Name}' yielded a {result.GetType().Name}, which is neither a Kubernetes object, a component, a generator, a CustomObject nor a YamlFile.");
        }
    }

    private static void DropEmptyMaps(JsonObject metadata)
    {
        foreach (var field in new[] { "labels", "annotations" })
        {
            if (metadata[field] is JsonObject { Count: 0 })
            {
                metadata.Remove(field);
            }
        }
    }
}

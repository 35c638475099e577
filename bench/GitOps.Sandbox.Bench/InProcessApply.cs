using System.Diagnostics;
using k8s;
using k8s.Models;
using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Sandbox.Bench;

/// <summary>
/// Server-side applies through KubernetesClient against the in-process sandbox over loopback HTTP, the way the
/// reconciler will talk to it: every apply changes the object, so each one merges, records ownership and stores.
/// </summary>
internal static class InProcessApply
{
    /// <summary>Applies <paramref name="rounds"/> new revisions of every object with <paramref name="workers"/> concurrent callers; returns applies per second.</summary>
    public static async Task<(int Applies, TimeSpan Elapsed)> MeasureAsync(Kubernetes client, int objects, int rounds, int firstRevision, int workers)
    {
        // The patches are converted to JSON up front (KubernetesClient sends V1Patch content as raw JSON), so that
        // only the round trip and the server's work are timed.
        var work = Enumerable.Range(0, rounds)
            .SelectMany(round => SyntheticObjects.Apps(objects).Select(app =>
                (app.Kind, app.Name, app.Namespace, Patch: Json(SyntheticObjects.Manifest(app.Kind, app.Name, app.Namespace, firstRevision + round)))))
            .ToArray();
        var next = -1;
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < work.Length; index = Interlocked.Increment(ref next))
            {
                var (kind, name, ns, patch) = work[index];
                await ApplyAsync(client, kind, name, ns, patch);
            }
        })));
        return (work.Length, stopwatch.Elapsed);
    }

    private static string Json(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return ToJson(stream.Documents[0].RootNode)!.ToJsonString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(pair => KeyValuePair.Create(((YamlScalarNode)pair.Key).Value!, ToJson(pair.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToJson)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: var text } when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } flag => JsonValue.Create(flag.Value == "true"),
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static Task ApplyAsync(Kubernetes client, string kind, string name, string ns, string json)
    {
        var patch = new V1Patch(json, V1Patch.PatchType.ApplyPatch);
        const string manager = "bench";
        return kind switch
        {
            "ServiceAccount" => client.CoreV1.PatchNamespacedServiceAccountAsync(patch, name, ns, fieldManager: manager, force: true),
            "ConfigMap" => client.CoreV1.PatchNamespacedConfigMapAsync(patch, name, ns, fieldManager: manager, force: true),
            "Secret" => client.CoreV1.PatchNamespacedSecretAsync(patch, name, ns, fieldManager: manager, force: true),
            "Service" => client.CoreV1.PatchNamespacedServiceAsync(patch, name, ns, fieldManager: manager, force: true),
            _ => client.AppsV1.PatchNamespacedDeploymentAsync(patch, name, ns, fieldManager: manager, force: true),
        };
    }
}

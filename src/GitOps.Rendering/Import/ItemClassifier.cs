using GitOps.Dsl;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Import;

/// <summary>Decides per object: typed model, generator (hash-suffixed ConfigMap or Secret) or untyped.</summary>
internal static partial class ItemClassifier
{
    public static void Classify(ImportItem item)
    {
        var type = KubernetesModels.Find(item.ApiVersion, item.Kind);
        item.ClusterScoped = ClusterScopedKinds.Contains(item.Kind);
        if (type is null)
        {
            Untyped(item, $"no typed class for {item.ApiVersion} {item.Kind}");
            return;
        }

        if (KubernetesModels.WhyNotExact(item.Manifest, type) is { } why)
        {
            Untyped(item, why);
            return;
        }

        try
        {
            _ = TypedInitializer.Object(item.Manifest, type);
        }
        catch (UnexpressibleException e)
        {
            Untyped(item, $"{type.Name} holds {e.Message}, which a typed initializer cannot write exactly");
            return;
        }

        item.Form = ItemForm.Typed;
        item.ModelType = type;
        if (GeneratorName(item.Manifest) is { } baseName)
        {
            item.Form = ItemForm.Generator;
            item.Metadata["name"] = baseName;
        }
    }

    /// <summary>
    /// The generator name when a ConfigMap or Secret is exactly what a generator yields: name, optional namespace
    /// and labels, string data, and a name ending in the content hash the DSL computes for that data.
    /// </summary>
    private static string? GeneratorName(JsonObject manifest)
    {
        var kind = (string?)manifest["kind"];
        if (kind is not ("ConfigMap" or "Secret") || (string?)manifest["apiVersion"] != "v1"
            || manifest.Any(pair => pair.Value is not null && pair.Key is not ("apiVersion" or "kind" or "metadata" or "data") && !(kind == "Secret" && pair.Key == "type"))
            || manifest["metadata"] is not JsonObject metadata
            || metadata.Any(pair => pair.Value is not null && pair.Key is not ("name" or "namespace" or "labels"))
            || manifest["data"] is not JsonObject { Count: > 0 } data
            || data.Any(pair => !JsonTrees.IsString(pair.Value)))
        {
            return null;
        }

        var match = HashSuffix().Match((string?)metadata["name"] ?? "");
        if (!match.Success || match.Groups[2].Value != GeneratedData.ContentHash(manifest))
        {
            return null;
        }

        if (kind == "Secret" && data.Any(pair => !Utf8RoundTrips((string)pair.Value!)))
        {
            return null;
        }

        return match.Groups[1].Value;
    }

    private static bool Utf8RoundTrips(string base64)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)) == base64;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void Untyped(ImportItem item, string reason)
    {
        item.Form = ItemForm.Untyped;
        item.UntypedReason = reason;
    }

    [GeneratedRegex("^(.+)-([0-9a-f]{10})$")]
    private static partial Regex HashSuffix();
}

using GitOps.Dsl;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOps.Rendering.Validation;

/// <summary>DNS-1123 names and Kubernetes label syntax.</summary>
public static partial class ManifestValidator
{
    // Kinds whose names the API server checks as DNS-1123 labels (no dots, at most 63 characters).
    private static readonly HashSet<string> LabelNamedKinds = new(StringComparer.Ordinal) { "Service", "Namespace" };

    private static void CheckIdentity(ValidationContext context, RenderedObject item)
    {
        if (string.IsNullOrEmpty((string?)item.Manifest["apiVersion"]) || string.IsNullOrEmpty(item.Kind))
        {
            context.Error(item, "apiVersion", "every object needs apiVersion and kind.");
        }

        var name = item.Name;
        if (name.Length == 0)
        {
            context.Error(item, "metadata.name", "is missing; every object needs a name.");
        }
        else if (LabelNamedKinds.Contains(item.Kind) ? !IsDnsLabel(name) : !IsDnsSubdomain(name))
        {
            var rule = LabelNamedKinds.Contains(item.Kind)
                ? "a DNS-1123 label: at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit"
                : "a DNS-1123 subdomain: at most 253 lower-case letters, digits, '-' and '.', starting and ending with a letter or digit";
            context.Error(item, "metadata.name", $"'{name}' is not {rule}.");
        }

        if (item.Namespace.Length > 0 && !IsDnsLabel(item.Namespace))
        {
            context.Error(item, "metadata.namespace", $"'{item.Namespace}' is not a DNS-1123 label (lower-case letters, digits and '-', at most 63).");
        }
    }

    private static void CheckLabels(ValidationContext context, RenderedObject item)
    {
        CheckLabelMap(context, item, item.Manifest["metadata"]?["labels"] as JsonObject, "metadata.labels");
        CheckLabelMap(context, item, item.Manifest["spec"]?["selector"]?["matchLabels"] as JsonObject, "spec.selector.matchLabels");
        if (item.Kind == "Service")
        {
            CheckLabelMap(context, item, item.Manifest["spec"]?["selector"] as JsonObject, "spec.selector");
        }

        foreach (var template in PodSpecs.Templates(item.Manifest))
        {
            var path = item.Kind == "CronJob" ? "spec.jobTemplate.spec.template.metadata.labels" : "spec.template.metadata.labels";
            CheckLabelMap(context, item, template["metadata"]?["labels"] as JsonObject, path);
        }
    }

    private static void CheckLabelMap(ValidationContext context, RenderedObject item, JsonObject? labels, string field)
    {
        foreach (var (key, value) in labels ?? [])
        {
            if (!IsLabelKey(key))
            {
                context.Error(item, $"{field}[{key}]", $"label key '{key}' is invalid: an optional DNS subdomain prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit.");
            }

            var text = value is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : null;
            if (text is null)
            {
                context.Error(item, $"{field}[{key}]", "label values must be strings.");
            }
            else if (!IsLabelValue(text))
            {
                context.Error(item, $"{field}[{key}]", $"label value '{text}' is invalid: at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit (or empty).");
            }
        }
    }

    internal static bool IsDnsLabel(string value) => value.Length <= 63 && DnsLabel().IsMatch(value);

    internal static bool IsDnsSubdomain(string value) => value.Length <= 253 && value.Split('.').All(part => part.Length > 0 && DnsLabel().IsMatch(part));

    internal static bool IsLabelKey(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash >= 0 ? (key[..slash], key[(slash + 1)..]) : ("", key);
        return (slash < 0 || IsDnsSubdomain(prefix)) && name.Length is > 0 and <= 63 && LabelName().IsMatch(name);
    }

    internal static bool IsLabelValue(string value) => value.Length == 0 || (value.Length <= 63 && LabelName().IsMatch(value));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelName();
}

using System.Globalization;
using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// The REST operations a resource kind offers, described the way kube-apiserver describes them. kubectl reads
/// the PATCH operation: its <c>fieldValidation</c> parameter tells it to leave validation to the server, and its
/// request content types tell it whether strategic merge patches are accepted.
/// </summary>
internal static class OpenApiOperations
{
    private static readonly string[] BuiltInPatchTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json"];

    private static readonly string[] CustomPatchTypes =
        ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];

    /// <summary>The URL of a kind's collection, e.g. <c>/apis/apps/v1/namespaces/{namespace}/deployments</c>.</summary>
    public static string CollectionPath(ApiKind kind) =>
        $"/{kind.GroupVersionPath}{(kind.Namespaced ? "/namespaces/{namespace}" : "")}/{kind.Plural}";

    public static IReadOnlyList<string> PatchContentTypes(ApiKind kind) => kind.StrategicMerge ? BuiltInPatchTypes : CustomPatchTypes;

    /// <summary>A name like Kubernetes' operation ids: <c>patchAppsV1NamespacedDeployment</c>.</summary>
    public static string OperationId(string verb, ApiKind kind, string suffix = "")
    {
        var group = kind.Group.Length == 0
            ? "Core"
            : string.Concat(kind.Group.Replace(".k8s.io", "", StringComparison.Ordinal).Split('.').Select(Title));
        return $"{verb}{group}{Title(kind.Version)}{(kind.Namespaced ? "Namespaced" : "")}{kind.Kind}{suffix}";
    }

    public static string Tag(ApiKind kind) =>
        (kind.Group.Length == 0 ? "core" : kind.Group.Replace(".k8s.io", "", StringComparison.Ordinal).Replace('.', '_')) + "_" + kind.Version;

    public static JsonObject Gvk(ApiKind kind) =>
        new() { ["group"] = kind.Group, ["kind"] = kind.Kind, ["version"] = kind.Version };

    /// <summary>The query parameters of a write: what kubectl probes to decide who validates.</summary>
    public static IEnumerable<(string Name, string Description)> WriteParameters(bool isPatch)
    {
        yield return ("dryRun", "When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed");
        yield return ("fieldManager", "fieldManager is a name associated with the actor or entity that is making these changes. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types.");
        yield return ("fieldValidation", "fieldValidation instructs the server on how to handle objects in the request containing unknown or duplicate fields. Valid values are: - Ignore - Warn - Strict. The default is Warn.");
        if (isPatch)
        {
            yield return ("force", "Force is going to \"force\" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.");
        }
    }

    private static string Title(string word) =>
        word.Length == 0 ? word : char.ToUpper(word[0], CultureInfo.InvariantCulture) + word[1..];
}

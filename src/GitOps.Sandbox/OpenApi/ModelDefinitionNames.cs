using System.Text.RegularExpressions;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Turns KubernetesClient model class names (<c>V1Deployment</c>, <c>Corev1EndpointPort</c>) into the
/// definition names Kubernetes publishes (<c>io.k8s.api.apps.v1.Deployment</c>), so that documents read
/// like a real API server's and kubectl finds what it looks for.
/// </summary>
internal static partial class ModelDefinitionNames
{
    public const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";
    public const string ObjectMeta = MetaPackage + ".ObjectMeta";
    public const string ListMeta = MetaPackage + ".ListMeta";
    public const string Time = MetaPackage + ".Time";
    public const string Patch = MetaPackage + ".Patch";
    public const string Status = MetaPackage + ".Status";
    public const string DeleteOptions = MetaPackage + ".DeleteOptions";
    public const string IntOrString = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    public const string Quantity = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    // Types of k8s.io/apimachinery/pkg/apis/meta/v1: the client generates them as V1X like any other.
    private static readonly HashSet<string> MetaTypes =
    [
        "ObjectMeta", "ListMeta", "LabelSelector", "LabelSelectorRequirement", "OwnerReference", "ManagedFieldsEntry",
        "Condition", "Status", "StatusDetails", "StatusCause", "DeleteOptions", "Preconditions", "APIGroup",
        "APIGroupList", "APIResource", "APIResourceList", "APIVersions", "GroupVersionForDiscovery",
        "ServerAddressByClientCIDR", "WatchEvent", "FieldSelectorRequirement",
    ];

    // Core types that other groups reference before any core kind does (the walk names a type after the
    // first group that reaches it, which is right for every other shared type).
    private static readonly HashSet<string> CoreTypes =
    [
        "TopologySelectorTerm", "TopologySelectorLabelRequirement", "ObjectReference", "LocalObjectReference",
        "TypedLocalObjectReference", "TypedObjectReference", "PodTemplateSpec", "NodeSelector", "Toleration",
        "ResourceRequirements", "EventSource",
    ];

    [GeneratedRegex(@"^(?<prefix>[A-Z][a-z]+)?(?<version>[Vv]\d+(?:alpha\d+|beta\d+)?)(?<name>[A-Z]\w*)$")]
    private static partial Regex ModelClassName();

    /// <summary>Splits a model class name into its group prefix (may be empty), version and short name.</summary>
    public static (string Prefix, string Version, string Name)? Parse(string className)
    {
        var match = ModelClassName().Match(className);
        return match.Success
            ? (match.Groups["prefix"].Value, match.Groups["version"].Value.ToLowerInvariant(), match.Groups["name"].Value)
            : null;
    }

    /// <summary>The Go package path Kubernetes uses for a group and version.</summary>
    public static string Package(string group, string version) => group switch
    {
        "" or "core" => $"io.k8s.api.core.{version}",
        "apiextensions.k8s.io" or "apiextensions" => $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}",
        "apiregistration.k8s.io" or "apiregistration" => $"io.k8s.kube-aggregator.pkg.apis.apiregistration.{version}",
        "apidiscovery.k8s.io" => $"io.k8s.api.apidiscovery.{version}",
        _ => $"io.k8s.api.{group.Split('.')[0]}.{version}",
    };

    /// <summary>
    /// The definition name for a model class reached from a kind of <paramref name="contextGroup"/>;
    /// null for classes that are not generated API types.
    /// </summary>
    public static string? For(string className, string contextGroup)
    {
        if (Parse(className) is not var (prefix, version, name))
        {
            return null;
        }

        if (prefix.Length == 0 && version == "v1" && MetaTypes.Contains(name))
        {
            return $"{MetaPackage}.{name}";
        }

        if (prefix.Length == 0 && version == "v1" && CoreTypes.Contains(name))
        {
            return $"{Package("", version)}.{name}";
        }

        var group = prefix.Length > 0 ? prefix.ToLowerInvariant() : contextGroup;
        return $"{Package(group, version)}.{name}";
    }
}

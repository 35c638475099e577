using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Kubernetes' own descriptions of types and fields, from the KubernetesClient XML docs embedded at build time
/// (see KubernetesModelDocs.targets); <c>kubectl explain</c> prints them.
/// </summary>
internal static partial class KubernetesModelDocs
{
    private const string ResourceName = "GitOps.Sandbox.KubernetesModelDocs.xml";

    private static readonly Lazy<Dictionary<string, string>> Summaries = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string? For(Type type) => Summaries.Value.GetValueOrDefault($"T:{type.FullName}");

    public static string? For(PropertyInfo property) =>
        Summaries.Value.GetValueOrDefault($"P:{property.DeclaringType?.FullName}.{property.Name}");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(KubernetesModelDocs).Assembly.GetManifestResourceStream(ResourceName);
        if (stream is null)
        {
            // Built without the package's XML docs: schemas simply carry no descriptions.
            return [];
        }

        return XDocument.Load(stream).Root!.Elements("member")
            .Select(member => (Name: (string?)member.Attribute("name"), Summary: member.Element("summary")?.Value))
            .Where(entry => entry.Name is not null && !string.IsNullOrWhiteSpace(entry.Summary))
            .GroupBy(entry => entry.Name!, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => Whitespace().Replace(group.First().Summary!, " ").Trim(), StringComparer.Ordinal);
    }
}

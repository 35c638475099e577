using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Diff;

/// <summary>
/// The report as JSON for scripts (<c>gitops diff --format json</c>). The schema is documented in the README under
/// "JSON output"; <c>schemaVersion</c> changes whenever a field changes meaning or goes away.
/// </summary>
public static class DiffJson
{
    /// <summary>The current schema version.</summary>
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="report"/> as indented JSON ending in a newline.</summary>
    public static string Write(DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var root = new JsonObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["base"] = report.Base,
            ["head"] = report.Head,
            ["hasDifferences"] = report.HasDifferences,
            ["environments"] = new JsonArray(report.Environments.Select(Environment).ToArray<JsonNode?>()),
        };
        return root.ToJsonString(Indented) + "\n";
    }

    private static JsonObject Environment(EnvironmentDiff environment) => new()
    {
        ["name"] = environment.Name,
        ["baseName"] = environment.BaseName,
        ["presence"] = Name(environment.Presence),
        ["summary"] = new JsonObject
        {
            ["added"] = environment.Count(ChangeKind.Added),
            ["removed"] = environment.Count(ChangeKind.Removed),
            ["changed"] = environment.Count(ChangeKind.Changed),
        },
        ["objects"] = new JsonArray(environment.Objects.Select(Object).ToArray<JsonNode?>()),
    };

    private static JsonObject Object(ObjectDiff diff) => new()
    {
        ["app"] = diff.App,
        ["kind"] = diff.Kind,
        ["namespace"] = diff.Namespace.Length == 0 ? null : diff.Namespace,
        ["name"] = diff.Name,
        ["change"] = Name(diff.Change),
        ["basePath"] = diff.BasePath,
        ["headPath"] = diff.HeadPath,
        ["fields"] = new JsonArray(diff.Fields.Select(field => (JsonNode?)new JsonObject
        {
            ["path"] = field.Path,
            ["change"] = Name(field.Kind),
            ["old"] = field.OldValue?.DeepClone(),
            ["new"] = field.NewValue?.DeepClone(),
        }).ToArray()),
        ["diff"] = diff.Diff,
    };

    private static string Name(ChangeKind change) => change switch
    {
        ChangeKind.Added => "added",
        ChangeKind.Removed => "removed",
        _ => "changed",
    };
}

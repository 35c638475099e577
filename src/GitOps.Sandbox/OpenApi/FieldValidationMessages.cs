using System.Text;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Words the field-validation outcome exactly as kube-apiserver does, so clients (kubectl prints
/// these verbatim) show what they would show against a real cluster.
/// </summary>
internal static class FieldValidationMessages
{
    /// <summary>
    /// One problem per entry, as the strict decoder lists them: <c>duplicate field "spec.replicas"</c>,
    /// <c>unknown field "spec.replicass"</c>; YAML duplicates read <c>line 7: key "replicas" already set in map</c>.
    /// Paths come from <see cref="DuplicateFields"/> and <see cref="OpenApiCatalog.FindUnknownFields(string, string, System.Text.Json.Nodes.JsonObject)"/>
    /// (leading dot optional). In JSON a field both unknown and duplicated is reported once, as unknown; the YAML
    /// decoder reports it twice, by line and as unknown.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<DuplicateField> duplicates, IReadOnlyList<string> unknownPaths, bool isYaml)
    {
        var unknown = unknownPaths.Select(Trim).ToList();
        if (isYaml)
        {
            // The YAML decoder reports duplicates by line, then the unknown fields sorted.
            unknown.Sort(StringComparer.Ordinal);
            return
            [
                .. duplicates.Select(duplicate => $"line {duplicate.Line}: key {Quote(duplicate.Key)} already set in map"),
                .. unknown.Select(path => $"unknown field {Quote(path)}"),
            ];
        }

        var unknownSet = unknown.ToHashSet(StringComparer.Ordinal);
        var repeated = duplicates.Where(duplicate => !unknownSet.Contains(Trim(duplicate.Path)));
        return
        [
            .. repeated.Select(duplicate => $"duplicate field {Quote(Trim(duplicate.Path))}"),
            .. unknown.Select(path => $"unknown field {Quote(path)}"),
        ];
    }

    /// <summary>
    /// The message of the 400 <c>BadRequest</c> for <c>fieldValidation=Strict</c> on create, update and
    /// non-apply patches: <c>Deployment in version "v1" cannot be handled as a Deployment: strict decoding
    /// error: unknown field "spec.replicass"</c>.
    /// </summary>
    public static string StrictDecodingError(string kind, string version, IReadOnlyList<string> problems, bool isYaml)
    {
        var detail = new StringBuilder("strict decoding error: ");
        var lineProblems = problems.Where(problem => problem.StartsWith("line ", StringComparison.Ordinal)).ToList();
        var others = problems.Where(problem => !problem.StartsWith("line ", StringComparison.Ordinal));
        var parts = new List<string>();
        if (isYaml && lineProblems.Count > 0)
        {
            parts.Add("yaml: unmarshal errors:\n  " + string.Join("\n  ", lineProblems));
        }
        else
        {
            parts.AddRange(lineProblems);
        }

        parts.AddRange(others);
        detail.AppendJoin(", ", parts);
        return $"{kind} in version {Quote(version)} cannot be handled as a {kind}: {detail}";
    }

    /// <summary>
    /// The message of the 400 <c>BadRequest</c> for duplicate keys in a server-side apply body under
    /// <c>fieldValidation=Strict</c>.
    /// </summary>
    public static string ApplyDuplicateFieldsError(IReadOnlyList<DuplicateField> duplicates) =>
        "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  "
        + string.Join("\n  ", duplicates.Select(duplicate => $"line {duplicate.Line}: key {Quote(duplicate.Key)} already set in map"));

    /// <summary>
    /// The message a server-side apply with fields outside the schema fails with (kube-apiserver answers
    /// 500 with an empty reason, which kubectl prints as <c>Error from server: ...</c>). Paths use
    /// <see cref="FieldPathStyle.MergeKey"/>: <c>.spec.template.spec.containers[name="web"].imagee</c>.
    /// </summary>
    public static string ApplyUnknownFieldsError(string? ns, string name, string apiVersion, string kind, IReadOnlyList<string> mergeKeyPaths)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var groupVersion = slash < 0 ? "/" + apiVersion : apiVersion;
        var prefix = $"failed to create typed patch object ({ns}/{name}; {groupVersion}, Kind={kind}): ";
        return mergeKeyPaths.Count == 1
            ? $"{prefix}{mergeKeyPaths[0]}: field not declared in schema"
            : prefix + "errors:\n  " + string.Join("\n  ", mergeKeyPaths.Select(path => $"{path}: field not declared in schema"));
    }

    /// <summary>
    /// A <c>Warning</c> response header value for one problem (<c>fieldValidation=Warn</c>, the server's
    /// default): <c>299 - "unknown field \"spec.replicass\""</c>; kubectl prints it as <c>Warning: ...</c>.
    /// </summary>
    public static string WarningHeader(string problem) => $"299 - {Quote(problem)}";

    private static string Trim(string path) => path.StartsWith('.') ? path[1..] : path;

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}

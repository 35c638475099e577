using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Api;

/// <summary>
/// <c>fieldValidation</c>: finds unknown fields (against the OpenAPI schemas) and duplicate keys (in the raw body)
/// and answers as kube-apiserver does: Strict fails with 400, Warn returns warnings, Ignore lets them through.
/// </summary>
internal sealed class FieldValidation(Http.OpenApiDocuments openApi)
{
    /// <summary>Problems as apiserver words them: <c>unknown field "spec.foo"</c>, <c>duplicate field "spec.replicas"</c>.</summary>
    public IReadOnlyList<string> Find(ResourceType type, JsonObject obj, string? body, bool isYaml)
    {
        var unknown = openApi.FindUnknownFields(type.GroupVersion, type.Kind, obj);
        var yaml = body is not null && IsYaml(body, isYaml);
        var duplicates = body is null ? [] : DuplicateFields.FindWithLines(body, yaml);
        return FieldValidationMessages.Problems(duplicates, unknown, yaml);
    }

    /// <summary>
    /// Applies the level and returns the warnings to send. The service marks only server-side apply bodies as
    /// YAML (<paramref name="isYaml"/>); those follow apply's rules (see <see cref="EnforceApply"/>).
    /// </summary>
    public IReadOnlyList<string> Enforce(ResourceType type, JsonObject obj, string? body, bool isYaml, string level)
    {
        if (isYaml && body is not null)
        {
            return EnforceApply(type, obj, body, level);
        }

        if (level == "Ignore")
        {
            return [];
        }

        var problems = Find(type, obj, body, isYaml);
        if (problems.Count == 0 || level == "Warn")
        {
            return problems;
        }

        throw ApiException.BadRequest(FieldValidationMessages.StrictDecodingError(type.Kind, type.Version, problems, body is not null && IsYaml(body, isYaml)));
    }

    /// <summary>
    /// Server-side apply: fields outside the schema fail whatever the level, because structured-merge-diff cannot
    /// type them (kube-apiserver answers 500 with no reason); duplicate keys follow the level.
    /// </summary>
    private IReadOnlyList<string> EnforceApply(ResourceType type, JsonObject config, string body, string level)
    {
        var unknown = openApi.FindUnknownFields(type.GroupVersion, type.Kind, config, FieldPathStyle.MergeKey);
        if (unknown.Count > 0)
        {
            var metadata = config["metadata"] as JsonObject;
            throw new ApiException(500, "", FieldValidationMessages.ApplyUnknownFieldsError(
                (string?)metadata?["namespace"], (string?)metadata?["name"] ?? "", type.GroupVersion, type.Kind, unknown));
        }

        var duplicates = level == "Ignore" ? [] : DuplicateFields.FindWithLines(body, isYaml: true);
        if (duplicates.Count == 0 || level == "Warn")
        {
            return FieldValidationMessages.Problems(duplicates, [], isYaml: true);
        }

        throw ApiException.BadRequest(FieldValidationMessages.ApplyDuplicateFieldsError(duplicates));
    }

    // Create and update bodies may be YAML too (Content-Type: application/yaml); JSON always starts with a brace.
    private static bool IsYaml(string body, bool declaredYaml) => declaredYaml || !body.TrimStart().StartsWith('{');
}

using System.Text.Json.Nodes;
using GitOps.Sandbox.Http;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Api;

/// <summary>
/// The <c>fieldValidation</c> query parameter, as kube-apiserver applies it: unknown fields (from the OpenAPI
/// schemas) and duplicate fields (from the raw body) fail a Strict request with 400, come back as
/// <c>Warning</c> headers under Warn, and are dropped silently under Ignore.
/// </summary>
internal sealed class FieldValidation(OpenApiDocuments openApi)
{
    /// <summary>For create, update and non-apply patches: returns the warnings to send; drops unknown fields unless Strict fails.</summary>
    public IReadOnlyList<string> Enforce(ResourceType type, JsonObject obj, string? body, bool isYaml, string level)
    {
        var unknown = openApi.Catalog.FindUnknownFields(type.GroupVersion, type.Kind, obj);
        if (level != "Ignore")
        {
            var duplicates = body is null ? [] : DuplicateFields.FindWithLines(body, isYaml);
            var problems = FieldValidationMessages.Problems(duplicates, unknown, isYaml);
            if (problems.Count > 0 && level == "Strict")
            {
                throw ApiException.BadRequest(FieldValidationMessages.StrictDecodingError(type.Kind, type.Version, problems, isYaml));
            }

            if (problems.Count > 0)
            {
                DropUnknown(obj, unknown);
                return problems;
            }
        }

        DropUnknown(obj, unknown);
        return [];
    }

    /// <summary>
    /// For apply patches: fields outside the schema always fail (structured-merge-diff cannot type them, a 500 as in
    /// Kubernetes); duplicate keys fail under Strict and warn under Warn.
    /// </summary>
    public IReadOnlyList<string> EnforceApply(ResourceType type, string? ns, string name, JsonObject config, string body, string level)
    {
        var unknown = openApi.Catalog.FindUnknownFields(type.GroupVersion, type.Kind, config, FieldPathStyle.MergeKey);
        if (unknown.Count > 0)
        {
            throw new ApiException(500, "", FieldValidationMessages.ApplyUnknownFieldsError(ns, name, type.GroupVersion, type.Kind, unknown));
        }

        if (level == "Ignore")
        {
            return [];
        }

        var isYaml = !body.TrimStart().StartsWith('{');
        var duplicates = DuplicateFields.FindWithLines(body, isYaml);
        if (duplicates.Count == 0)
        {
            return [];
        }

        if (level == "Strict")
        {
            throw ApiException.BadRequest(FieldValidationMessages.ApplyDuplicateFieldsError(duplicates));
        }

        return FieldValidationMessages.Problems(duplicates, [], isYaml: true);
    }

    /// <summary>Removes fields at strict-decoder paths such as <c>.spec.template.spec.containers[0].imagee</c>.</summary>
    private static void DropUnknown(JsonObject obj, IReadOnlyList<string> paths)
    {
        foreach (var path in paths)
        {
            JsonNode? parent = obj;
            var steps = path.TrimStart('.').Replace("[", ".[", StringComparison.Ordinal).Split('.');
            for (var i = 0; i < steps.Length - 1 && parent is not null; i++)
            {
                parent = steps[i].StartsWith('[') && parent is JsonArray array && int.TryParse(steps[i].Trim('[', ']'), out var index) && index < array.Count
                    ? array[index]
                    : parent[steps[i]];
            }

            (parent as JsonObject)?.Remove(steps[^1]);
        }
    }
}

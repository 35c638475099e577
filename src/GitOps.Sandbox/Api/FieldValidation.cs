using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Api;

/// <summary>
/// The <c>fieldValidation</c> seam: finds unknown and duplicate fields in a request body. Until the OpenAPI
/// catalog is wired in it knows no schema and reports nothing, so every level behaves like Ignore.
/// </summary>
internal sealed class FieldValidation(Http.OpenApiDocuments openApi)
{
    /// <summary>Problems as apiserver words them: <c>unknown field "spec.foo"</c>, <c>duplicate field "spec.replicas"</c>.</summary>
    public IReadOnlyList<string> Find(ResourceType type, JsonObject obj, string? body, bool isYaml) =>
        body is null && isYaml ? [] : openApi.FindUnknownFields(type.GroupVersion, type.Kind, obj);

    /// <summary>Applies the level: Strict fails with 400, Warn returns warnings, Ignore drops nothing it cannot find.</summary>
    public IReadOnlyList<string> Enforce(ResourceType type, JsonObject obj, string? body, bool isYaml, string level)
    {
        if (level == "Ignore")
        {
            return [];
        }

        var problems = Find(type, obj, body, isYaml);
        if (problems.Count == 0)
        {
            return [];
        }

        if (level == "Warn")
        {
            return problems;
        }

        throw ApiException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {string.Join(", ", problems)}");
    }
}

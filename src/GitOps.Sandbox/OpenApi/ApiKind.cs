namespace GitOps.Sandbox.OpenApi;

/// <summary>One kind an API group-version serves, with what documents and validation need to know about it.</summary>
/// <param name="Group">API group, empty for the core group.</param>
/// <param name="Version">API version, e.g. <c>v1</c>.</param>
/// <param name="Kind">Kind, e.g. <c>Deployment</c> or <c>DeploymentList</c>.</param>
/// <param name="Definition">The schema's name in the documents.</param>
/// <param name="Plural">Resource name for REST paths; null for kinds that are not resources (lists, reviews).</param>
/// <param name="Namespaced">Whether objects live in a namespace.</param>
/// <param name="StrategicMerge">Whether PATCH accepts strategic merge patches (built-in kinds only).</param>
internal sealed record ApiKind(string Group, string Version, string Kind, string Definition, string? Plural, bool Namespaced, bool StrategicMerge)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The key of this group-version in the OpenAPI v3 index: <c>api/v1</c> or <c>apis/apps/v1</c>.</summary>
    public string GroupVersionPath => Group.Length == 0 ? $"api/{Version}" : $"apis/{Group}/{Version}";
}

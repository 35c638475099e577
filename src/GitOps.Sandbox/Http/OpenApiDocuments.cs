using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Http;

/// <summary>
/// The OpenAPI seam: serves <c>/openapi/v2</c> and <c>/openapi/v3[/...]</c> from the <see cref="OpenApiCatalog"/>,
/// keeps it in step with CRDs, and finds fields a schema does not declare.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly OpenApiCatalog catalog = new();

    public OpenApiDocuments()
    {
        // Build the built-in documents ahead of the first request, so that no client waits for them.
        _ = Task.Run(() => catalog.V3Index());
    }

    /// <summary>A document by its path below <c>/openapi/</c>: <c>v2</c>, <c>v3</c>, <c>v3/apis/apps/v1</c>.</summary>
    public byte[]? Find(string relativePath) => relativePath switch
    {
        "v2" => catalog.V2Document(),
        "v3" => catalog.V3Index(),
        _ when relativePath.StartsWith("v3/", StringComparison.Ordinal) => catalog.V3GroupVersion(relativePath[3..]),
        _ => null,
    };

    public void RegisterCrd(JsonObject crd)
    {
        try
        {
            catalog.RegisterCrd(crd);
        }
        catch (ArgumentException)
        {
            // A CRD without group, kind or plural serves nothing, so it has no schema to publish either.
        }
    }

    public void UnregisterCrd(string crdName) => catalog.UnregisterCrd(crdName);

    public IReadOnlyList<string> FindUnknownFields(string apiVersion, string kind, JsonObject obj, FieldPathStyle style = FieldPathStyle.Index) =>
        catalog.FindUnknownFields(apiVersion, kind, obj, style);
}

using System.Text.Json.Nodes;
using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Http;

/// <summary>
/// Serves <c>/openapi/v2</c>, <c>/openapi/v3</c> and <c>/openapi/v3/{api/v1|apis/group/version}</c> from the
/// <see cref="OpenApiCatalog"/>, and keeps it told about CRDs as they come and go.
/// </summary>
internal sealed class OpenApiDocuments
{
    public OpenApiCatalog Catalog { get; } = new();

    /// <summary>The document at a path below <c>/openapi/</c>; null when there is none (404).</summary>
    public byte[]? Find(string relativePath) => relativePath.Trim('/') switch
    {
        "v2" => Catalog.V2Document(),
        "v3" => Catalog.V3Index(),
        var path when path.StartsWith("v3/", StringComparison.Ordinal) => Catalog.V3GroupVersion(path[3..]),
        _ => null,
    };

    /// <summary>
    /// Whether a request for <c>/openapi/v2</c> wants gnostic protobuf: client-go asks for nothing else, while
    /// browsers and curl accept JSON.
    /// </summary>
    public static bool WantsProtobuf(string accept) =>
        accept.Contains("com.github.proto-openapi.spec.v2", StringComparison.Ordinal) && !accept.Contains("json", StringComparison.Ordinal);

    /// <summary>Adds a CRD's schemas; a CRD the catalog cannot describe stays served, just without a schema.</summary>
    public bool RegisterCrd(JsonObject crd)
    {
        try
        {
            Catalog.RegisterCrd(crd);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void UnregisterCrd(string crdName) => Catalog.UnregisterCrd(crdName);
}

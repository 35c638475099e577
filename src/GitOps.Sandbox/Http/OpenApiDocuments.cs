using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Http;

/// <summary>
/// The OpenAPI seam: serves <c>/openapi/v2</c> and <c>/openapi/v3[/...]</c>, learns CRD schemas and finds fields
/// a schema does not declare. Until the OpenAPI catalog lands it holds no documents, so those paths answer 404
/// as a server without OpenAPI would, and no field is reported unknown.
/// </summary>
internal sealed class OpenApiDocuments
{
    private readonly Dictionary<string, byte[]> documents = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public byte[]? Find(string relativePath)
    {
        lock (gate)
        {
            return documents.GetValueOrDefault(relativePath);
        }
    }

    public void RegisterCrd(JsonObject crd)
    {
        lock (gate)
        {
            documents.Remove("v3");
            _ = crd;
        }
    }

    public void UnregisterCrd(string crdName)
    {
        lock (gate)
        {
            documents.Remove("v3");
            _ = crdName;
        }
    }

    public IReadOnlyList<string> FindUnknownFields(string apiVersion, string kind, JsonObject obj)
    {
        lock (gate)
        {
            return documents.Count == 0 ? [] : [$"{apiVersion} {kind} {obj.Count}"];
        }
    }
}

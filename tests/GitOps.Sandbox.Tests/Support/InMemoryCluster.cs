using System.Text;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Http;
using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Tests.Support;

/// <summary>The sandbox's write pipeline without HTTP, for precise server-side apply and patch semantics.</summary>
internal sealed class InMemoryCluster
{
    public InMemoryCluster()
    {
        Service = new ResourceService(new ObjectStore(), new ResourceRegistry(), new FieldValidation(new OpenApiDocuments()), TimeProvider.System);
        Service.Create(Service.NamespaceType, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } }, WriteOptions.System("test"));
    }

    public ResourceService Service { get; }

    public ResourceType Type(string plural) => Service.Registry.All.First(t => t.Plural == plural);

    public JsonObject Apply(string plural, string name, string yaml, string manager, bool force = false, bool dryRun = false, string? subresource = null)
    {
        var type = Type(plural);
        return Service.Apply(type, type.Namespaced ? "default" : null, name, Encoding.UTF8.GetBytes(yaml), new WriteOptions(manager, DryRun: dryRun, Force: force), subresource).Object.Node;
    }

    public JsonObject Patch(string plural, string name, string patchType, string patch, string manager)
    {
        var type = Type(plural);
        return Service.Patch(type, type.Namespaced ? "default" : null, name, patchType, Encoding.UTF8.GetBytes(patch), new WriteOptions(manager), null).Object.Node;
    }

    public JsonObject? Get(string plural, string name)
    {
        var type = Type(plural);
        return Service.Store.Get(type, type.Namespaced ? "default" : null, name)?.Node;
    }

    public static JsonObject? FieldsOf(JsonObject obj, string manager, string operation = "Apply") =>
        (obj["metadata"]?["managedFields"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(m => (string?)m["manager"] == manager && (string?)m["operation"] == operation)?["fieldsV1"] as JsonObject;
}

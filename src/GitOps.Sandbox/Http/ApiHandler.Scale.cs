using System.Text;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Patching;
using GitOps.Sandbox.Store;
using Microsoft.AspNetCore.Http;

namespace GitOps.Sandbox.Http;

internal sealed partial class ApiHandler
{
    /// <summary>
    /// The <c>scale</c> subresource (autoscaling/v1 Scale) of Deployments, StatefulSets and ReplicaSets: reads
    /// report spec and status replicas with the selector; writes change the object's <c>spec.replicas</c>.
    /// </summary>
    private async Task HandleScaleAsync(HttpContext context, ResourceType type, string? ns, string name, WriteOptions options)
    {
        var current = service.Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
        if (context.Request.Method == "GET")
        {
            await Responses.Json(context, 200, Scale(current));
            return;
        }

        var body = await ReadBodyAsync(context);
        var scale = context.Request.Method switch
        {
            "PUT" => Manifests.ParseObject(body, false),
            "PATCH" => PatchKind(context.Request.ContentType) switch
            {
                "json" => (JsonObject)JsonPatch.Apply(Scale(current), Manifests.Parse(body, false) as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array of operations")),
                "merge" or "strategic" => (JsonObject)JsonMergePatch.Apply(Scale(current), Manifests.Parse(body, false))!,
                _ => throw ApiException.UnsupportedMediaType(context.Request.ContentType ?? "(none)"),
            },
            _ => throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource"),
        };
        var replicas = scale["spec"]?["replicas"].AsLong() ?? throw ApiException.BadRequest("spec.replicas is required in a Scale");
        var patch = Encoding.UTF8.GetBytes($"{{\"spec\":{{\"replicas\":{replicas}}}}}");
        var result = service.Patch(type, ns, name, "merge", patch, options, "scale");
        await Responses.Json(context, 200, Scale(result.Object));
    }

    private static JsonObject Scale(StoredObject obj)
    {
        var labels = obj.Node["spec"]?["selector"]?["matchLabels"] as JsonObject ?? [];
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = obj.Name,
                ["namespace"] = obj.Namespace,
                ["uid"] = obj.Metadata["uid"]?.DeepClone(),
                ["resourceVersion"] = obj.Metadata["resourceVersion"]?.DeepClone(),
                ["creationTimestamp"] = obj.Metadata["creationTimestamp"]?.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj.Node["spec"]?["replicas"]?.DeepClone() },
            ["status"] = new JsonObject
            {
                ["replicas"] = obj.Node["status"]?["replicas"]?.DeepClone() ?? 0,
                ["selector"] = string.Join(",", labels.Select(pair => $"{pair.Key}={pair.Value}")),
            },
        };
    }
}

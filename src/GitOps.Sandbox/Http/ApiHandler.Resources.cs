using System.Globalization;
using System.Text.Json;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Store;
using Microsoft.AspNetCore.Http;

namespace GitOps.Sandbox.Http;

internal sealed partial class ApiHandler
{
    private async Task HandleResourceAsync(HttpContext context, ApiPath path)
    {
        var type = Registry.Find(path.Group, path.Version, path.Plural) ?? throw ApiException.PathNotFound();
        if (path.Subresource is not (null or "status") && !(path.Subresource == "scale" && type.HasScale))
        {
            throw ApiException.PathNotFound();
        }

        if (path.Namespace is not null && !type.Namespaced)
        {
            throw ApiException.PathNotFound();
        }

        var ns = type.Namespaced ? path.Namespace : null;
        var request = context.Request;
        var query = request.Query;
        var options = new WriteOptions(
            query["fieldManager"].FirstOrDefault(),
            DryRun: query["dryRun"].Any(v => v == "All"),
            Force: query["force"].FirstOrDefault() is "true" or "1",
            FieldValidation: query["fieldValidation"].FirstOrDefault() ?? "Warn",
            UserAgent: request.Headers.UserAgent.FirstOrDefault());
        if (query["dryRun"].FirstOrDefault() is { Length: > 0 } dryRun && dryRun != "All")
        {
            throw ApiException.BadRequest($"Invalid dry run value: {dryRun}. Supported values are \"All\"");
        }

        if (options.FieldValidation is not ("Strict" or "Warn" or "Ignore"))
        {
            throw ApiException.BadRequest($"fieldValidation must be one of Ignore, Warn, Strict; got {options.FieldValidation}");
        }

        if (path.Name is null)
        {
            await HandleCollectionAsync(context, type, ns, options);
            return;
        }

        if (type.Namespaced && ns is null)
        {
            throw ApiException.PathNotFound();
        }

        var name = path.Name;
        if (path.Subresource == "scale")
        {
            await HandleScaleAsync(context, type, ns, name, options);
            return;
        }

        WriteResult result;
        switch (request.Method)
        {
            case "GET":
                var found = service.Store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
                await Responses.Bytes(context, 200, found.Json);
                return;
            case "PUT":
                var putBody = await ReadBodyAsync(context);
                result = service.Replace(type, ns, name, Manifests.ParseObject(putBody, false), options, path.Subresource, System.Text.Encoding.UTF8.GetString(putBody));
                break;
            case "PATCH":
                var patchBody = await ReadBodyAsync(context);
                result = PatchKind(request.ContentType) switch
                {
                    "apply" => service.Apply(type, ns, name, patchBody, options, path.Subresource),
                    var kind => service.Patch(type, ns, name, kind, patchBody, options, path.Subresource),
                };
                break;
            case "DELETE":
                var deleteOptions = await ReadDeleteOptionsAsync(context);
                result = service.Delete(type, ns, name, query["propagationPolicy"].FirstOrDefault() ?? deleteOptions.Policy, options.DryRun || deleteOptions.DryRun);
                if (result.Deleted)
                {
                    await Responses.Json(context, 200, DeletedStatus(type, result.Object));
                }
                else
                {
                    await Responses.Bytes(context, 202, result.Object.Json);
                }

                return;
            default:
                throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource");
        }

        Responses.Warnings(context, result.Warnings);
        await Responses.Bytes(context, result.Created ? 201 : 200, result.Object.Json);
    }

    private async Task HandleCollectionAsync(HttpContext context, ResourceType type, string? ns, WriteOptions options)
    {
        var query = context.Request.Query;
        switch (context.Request.Method)
        {
            case "GET" when query["watch"].FirstOrDefault() is "true" or "1":
                await WatchAsync(context, type, ns);
                return;
            case "GET":
                await ListAsync(context, type, ns);
                return;
            case "POST":
                if (type.Namespaced && ns is null)
                {
                    throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
                }

                var body = await ReadBodyAsync(context);
                var result = service.Create(type, ns, Manifests.ParseObject(body, false), options, System.Text.Encoding.UTF8.GetString(body));
                Responses.Warnings(context, result.Warnings);
                await Responses.Bytes(context, 201, result.Object.Json);
                return;
            case "DELETE":
                var selectors = Selectors.Parse(query["labelSelector"], query["fieldSelector"]);
                foreach (var item in service.Store.List(type, ns).Items.Where(i => selectors.Matches(i.Node)))
                {
                    service.Delete(type, item.Namespace, item.Name, query["propagationPolicy"].FirstOrDefault(), options.DryRun);
                }

                await Responses.Json(context, 200, new System.Text.Json.Nodes.JsonObject
                {
                    ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new System.Text.Json.Nodes.JsonObject(), ["status"] = "Success",
                });
                return;
            default:
                throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }
    }

    private async Task ListAsync(HttpContext context, ResourceType type, string? ns)
    {
        var query = context.Request.Query;
        var selectors = Selectors.Parse(query["labelSelector"], query["fieldSelector"]);
        var (items, version) = service.Store.List(type, ns);
        var page = ListPage.Select(items.Where(i => selectors.Matches(i.Node)).ToList(), version, query["limit"].FirstOrDefault(), query["continue"].FirstOrDefault());
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", type.Kind + "List");
            writer.WriteString("apiVersion", type.GroupVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (page.Continue is not null)
            {
                writer.WriteString("continue", page.Continue);
                writer.WriteNumber("remainingItemCount", page.RemainingItemCount!.Value);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in page.Items)
            {
                writer.WriteRawValue(item.Json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        await Responses.Bytes(context, 200, buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    private static System.Text.Json.Nodes.JsonObject DeletedStatus(ResourceType type, StoredObject deleted)
    {
        var details = new System.Text.Json.Nodes.JsonObject { ["name"] = deleted.Name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = deleted.Metadata["uid"]?.DeepClone();
        return new System.Text.Json.Nodes.JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static string PatchKind(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "application/json-patch+json" => "json",
        "application/merge-patch+json" => "merge",
        "application/strategic-merge-patch+json" => "strategic",
        "application/apply-patch+yaml" or "application/apply-patch+json" => "apply",
        _ => throw ApiException.UnsupportedMediaType(contentType ?? "(none)"),
    };

    /// <summary>
    /// Bodies are JSON or YAML. Protobuf (typed clients such as <c>kubectl create</c> prefer it) is answered 415, which
    /// client-go takes as the cue to resend the request as JSON.
    /// </summary>
    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        var contentType = context.Request.ContentType ?? "";
        if (contentType.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml; got {contentType}");
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        return buffer.ToArray();
    }

    private static async Task<(string? Policy, bool DryRun)> ReadDeleteOptionsAsync(HttpContext context)
    {
        var body = await ReadBodyAsync(context);
        if (body.Length == 0 || Manifests.Parse(body, false) is not System.Text.Json.Nodes.JsonObject options)
        {
            return (null, false);
        }

        var dryRun = options["dryRun"] is System.Text.Json.Nodes.JsonArray values && values.Any(v => (string?)v == "All");
        var policy = (string?)options["propagationPolicy"] ?? ((bool?)options["orphanDependents"] == true ? "Orphan" : null);
        return (policy, dryRun);
    }
}

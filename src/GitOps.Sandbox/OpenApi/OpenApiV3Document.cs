using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>Builds the OpenAPI v3 document of one group-version, as served at <c>/openapi/v3/apis/apps/v1</c>.</summary>
internal static class OpenApiV3Document
{
    private const string Ref = ModelSchemaGenerator.RefPrefix;

    public static JsonObject Build(IReadOnlyList<ApiKind> kinds, Func<string, JsonObject?> schemaFor)
    {
        var paths = new JsonObject();
        foreach (var kind in kinds.Where(kind => kind.Plural is not null))
        {
            var list = kinds.FirstOrDefault(candidate => candidate.Kind == kind.Kind + "List");
            paths[OpenApiOperations.CollectionPath(kind)] = CollectionItem(kind, list);
            paths[OpenApiOperations.CollectionPath(kind) + "/{name}"] = ObjectItem(kind);
        }

        var roots = kinds.Select(kind => kind.Definition)
            .Concat([ModelDefinitionNames.Patch, ModelDefinitionNames.Status, ModelDefinitionNames.DeleteOptions]);
        var schemas = new JsonObject();
        foreach (var (name, schema) in SchemaClosure.Of(roots, schemaFor))
        {
            schemas[name] = schema.DeepClone();
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    private static JsonObject CollectionItem(ApiKind kind, ApiKind? list)
    {
        var item = new JsonObject { ["parameters"] = PathParameters(kind, withName: false) };
        if (list is not null)
        {
            item["get"] = Operation("list", kind, $"list or watch objects of kind {kind.Kind}", "list", list.Definition, Gvk(kind));
        }

        var post = Operation("create", kind, $"create a {kind.Kind}", "post", kind.Definition, Gvk(kind), QueryParameters(isPatch: false));
        post["requestBody"] = Body(["application/json", "application/yaml"], Ref + kind.Definition);
        item["post"] = post;
        return item;
    }

    private static JsonObject ObjectItem(ApiKind kind)
    {
        var put = Operation("replace", kind, $"replace the specified {kind.Kind}", "put", kind.Definition, Gvk(kind), QueryParameters(isPatch: false));
        put["requestBody"] = Body(["application/json", "application/yaml"], Ref + kind.Definition);
        var patch = Operation("patch", kind, $"partially update the specified {kind.Kind}", "patch", kind.Definition, Gvk(kind), QueryParameters(isPatch: true));
        patch["requestBody"] = Body(OpenApiOperations.PatchContentTypes(kind), Ref + ModelDefinitionNames.Patch);
        var delete = Operation("delete", kind, $"delete a {kind.Kind}", "delete", ModelDefinitionNames.Status, Gvk(kind));
        delete["requestBody"] = Body(["application/json"], Ref + ModelDefinitionNames.DeleteOptions, required: false);
        return new JsonObject
        {
            ["parameters"] = PathParameters(kind, withName: true),
            ["get"] = Operation("read", kind, $"read the specified {kind.Kind}", "get", kind.Definition, Gvk(kind)),
            ["put"] = put,
            ["patch"] = patch,
            ["delete"] = delete,
        };
    }

    private static JsonObject Gvk(ApiKind kind) => OpenApiOperations.Gvk(kind);

    private static JsonObject Operation(string verb, ApiKind kind, string description, string action, string responseDefinition, JsonObject gvk, JsonArray? parameters = null)
    {
        var operation = new JsonObject
        {
            ["description"] = description,
            ["operationId"] = OpenApiOperations.OperationId(verb, kind),
        };
        if (parameters is not null)
        {
            operation["parameters"] = parameters;
        }

        operation["responses"] = new JsonObject
        {
            ["200"] = new JsonObject
            {
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = Ref + responseDefinition } } },
                ["description"] = "OK",
            },
            ["401"] = new JsonObject { ["description"] = "Unauthorized" },
        };
        operation["tags"] = new JsonArray(OpenApiOperations.Tag(kind));
        operation["x-kubernetes-action"] = action;
        operation["x-kubernetes-group-version-kind"] = gvk;
        return operation;
    }

    private static JsonObject Body(IEnumerable<string> contentTypes, string reference, bool required = true)
    {
        var content = new JsonObject();
        foreach (var contentType in contentTypes)
        {
            content[contentType] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = reference } };
        }

        return new JsonObject { ["content"] = content, ["required"] = required };
    }

    private static JsonArray QueryParameters(bool isPatch) =>
        [.. OpenApiOperations.WriteParameters(isPatch).Select(parameter => new JsonObject
        {
            ["description"] = parameter.Description,
            ["in"] = "query",
            ["name"] = parameter.Name,
            ["schema"] = parameter.Name == "force"
                ? new JsonObject { ["type"] = "boolean", ["uniqueItems"] = true }
                : new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        })];

    private static JsonArray PathParameters(ApiKind kind, bool withName)
    {
        var parameters = new JsonArray();
        if (withName)
        {
            parameters.Add(PathParameter("name", $"name of the {kind.Kind}"));
        }

        if (kind.Namespaced)
        {
            parameters.Add(PathParameter("namespace", "object name and auth scope, such as for teams and projects"));
        }

        parameters.Add(new JsonObject
        {
            ["description"] = "If 'true', then the output is pretty printed.",
            ["in"] = "query",
            ["name"] = "pretty",
            ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
        });
        return parameters;
    }

    private static JsonObject PathParameter(string name, string description) => new()
    {
        ["description"] = description,
        ["in"] = "path",
        ["name"] = name,
        ["required"] = true,
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };
}

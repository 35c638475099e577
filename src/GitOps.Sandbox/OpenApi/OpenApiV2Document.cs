using System.Text.Json.Nodes;

namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// Builds the Swagger 2.0 document served at <c>/openapi/v2</c> (JSON only): every kind's definition and the
/// PATCH operations older clients read to pick a patch type.
/// </summary>
internal static class OpenApiV2Document
{
    private const string DefinitionsPrefix = "#/definitions/";

    public static JsonObject Build(IReadOnlyList<ApiKind> kinds, Func<string, JsonObject?> schemaFor)
    {
        var paths = new JsonObject();
        foreach (var kind in kinds.Where(kind => kind.Plural is not null))
        {
            paths[OpenApiOperations.CollectionPath(kind) + "/{name}"] = new JsonObject
            {
                ["get"] = Operation("read", kind, "get", kind.Definition, consumes: ["*/*"], parameters: []),
                ["patch"] = Operation("patch", kind, "patch", kind.Definition, OpenApiOperations.PatchContentTypes(kind), Parameters(ModelDefinitionNames.Patch, isPatch: true)),
                ["put"] = Operation("replace", kind, "put", kind.Definition, ["*/*"], Parameters(kind.Definition, isPatch: false)),
                ["parameters"] = PathParameters(kind),
            };
        }

        var roots = kinds.Select(kind => kind.Definition).Concat([ModelDefinitionNames.Patch, ModelDefinitionNames.Status]);
        var definitions = new JsonObject();
        foreach (var (name, schema) in SchemaClosure.Of(roots, schemaFor))
        {
            definitions[name] = ToV2(schema.DeepClone());
        }

        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    /// <summary>Swagger 2.0 allows siblings beside <c>$ref</c>, so the v3 <c>allOf</c> wrappers unwrap.</summary>
    private static JsonNode? ToV2(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["allOf"] is JsonArray { Count: 1 } allOf && allOf[0]?["$ref"] is { } wrapped)
                {
                    obj.Remove("allOf");
                    obj["$ref"] = wrapped.DeepClone();
                }

                foreach (var key in obj.Select(pair => pair.Key).ToList())
                {
                    if (key == "$ref" && obj[key] is JsonValue value && value.TryGetValue<string>(out var reference))
                    {
                        obj[key] = DefinitionsPrefix + reference[(reference.LastIndexOf('/') + 1)..];
                    }
                    else
                    {
                        ToV2(obj[key]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    ToV2(item);
                }

                break;
        }

        return node;
    }

    private static JsonObject Operation(string verb, ApiKind kind, string action, string responseDefinition, IEnumerable<string> consumes, JsonArray parameters) => new()
    {
        ["consumes"] = new JsonArray([.. consumes.Select(type => JsonValue.Create(type))]),
        ["description"] = $"{verb} the specified {kind.Kind}",
        ["operationId"] = OpenApiOperations.OperationId(verb, kind),
        ["parameters"] = parameters,
        ["produces"] = new JsonArray("application/json", "application/yaml"),
        ["responses"] = new JsonObject
        {
            ["200"] = new JsonObject { ["description"] = "OK", ["schema"] = new JsonObject { ["$ref"] = DefinitionsPrefix + responseDefinition } },
        },
        ["schemes"] = new JsonArray("https"),
        ["tags"] = new JsonArray(OpenApiOperations.Tag(kind)),
        ["x-kubernetes-action"] = action,
        ["x-kubernetes-group-version-kind"] = OpenApiOperations.Gvk(kind),
    };

    private static JsonArray Parameters(string bodyDefinition, bool isPatch)
    {
        var parameters = new JsonArray
        {
            new JsonObject
            {
                ["in"] = "body",
                ["name"] = "body",
                ["required"] = true,
                ["schema"] = new JsonObject { ["$ref"] = DefinitionsPrefix + bodyDefinition },
            },
        };
        foreach (var (name, description) in OpenApiOperations.WriteParameters(isPatch))
        {
            parameters.Add(new JsonObject
            {
                ["description"] = description,
                ["in"] = "query",
                ["name"] = name,
                ["type"] = name == "force" ? "boolean" : "string",
                ["uniqueItems"] = true,
            });
        }

        return parameters;
    }

    private static JsonArray PathParameters(ApiKind kind)
    {
        var parameters = new JsonArray
        {
            new JsonObject { ["description"] = $"name of the {kind.Kind}", ["in"] = "path", ["name"] = "name", ["required"] = true, ["type"] = "string", ["uniqueItems"] = true },
        };
        if (kind.Namespaced)
        {
            parameters.Add(new JsonObject { ["description"] = "object name and auth scope, such as for teams and projects", ["in"] = "path", ["name"] = "namespace", ["required"] = true, ["type"] = "string", ["uniqueItems"] = true });
        }

        return parameters;
    }
}

using GitOps.Sandbox.Api;
using GitOps.Sandbox.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GitOps.Sandbox.Http;

/// <summary>The single Kestrel endpoint: fault injection, discovery, OpenAPI, then resource requests.</summary>
internal sealed partial class ApiHandler(ResourceService service, SandboxFaults faults, OpenApiDocuments openApi, ILogger logger, Func<string> serverAddress)
{
    private ResourceRegistry Registry => service.Registry;

    public async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var verb = Verb(context.Request, path);
        try
        {
            if (await faults.InterceptAsync(context, verb, path + context.Request.QueryString.Value))
            {
                return;
            }

            await DispatchAsync(context, path);
        }
        catch (ApiException error)
        {
            if (!context.Response.HasStarted)
            {
                await Responses.Error(context, error);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away (watch closed, timeout): nothing left to answer.
        }
#pragma warning disable CA1031 // A server answers every failure with a Status instead of dropping the connection.
        catch (Exception error)
#pragma warning restore CA1031
        {
            logger.LogError(error, "{Verb} {Path} failed", context.Request.Method, path);
            if (!context.Response.HasStarted)
            {
                await Responses.Error(context, new ApiException(500, "InternalError", $"Internal error occurred: {error.Message}"));
            }
        }
        finally
        {
            logger.LogDebug("{Verb} {Path}{Query} -> {Status}", context.Request.Method, path, context.Request.QueryString.Value, context.Response.StatusCode);
        }
    }

    private async Task DispatchAsync(HttpContext context, string path)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (segments)
        {
            case ["version"]:
                await Responses.Json(context, 200, Discovery.Version());
                return;
            case ["healthz" or "livez" or "readyz", ..]:
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", context.RequestAborted);
                return;
            case ["openapi", "v2"] when OpenApiDocuments.WantsProtobuf(context.Request.Headers.Accept.ToString()):
                await Responses.Bytes(context, 200, openApi.Catalog.V2DocumentProtobuf(), OpenApiV2Protobuf.ContentType);
                return;
            case ["openapi", .. var openApiPath]:
                var document = openApi.Find(string.Join('/', openApiPath)) ?? throw ApiException.PathNotFound();
                await Responses.Bytes(context, 200, document);
                return;
            case ["api"]:
                await Responses.Json(context, 200, Discovery.CoreVersions(serverAddress()));
                return;
            case ["apis"]:
                await Responses.Json(context, 200, Discovery.Groups(Registry));
                return;
            case ["api", var coreVersion]:
                await Responses.Json(context, 200, Discovery.Resources(Registry, "", coreVersion) ?? throw ApiException.PathNotFound());
                return;
            case ["apis", var group]:
                await Responses.Json(context, 200, Discovery.Group(Registry, group) ?? throw ApiException.PathNotFound());
                return;
            case ["apis", var group, var version]:
                await Responses.Json(context, 200, Discovery.Resources(Registry, group, version) ?? throw ApiException.PathNotFound());
                return;
            case ["api", var v, .. var rest]:
                await HandleResourceAsync(context, ApiPath.Parse("", v, rest) ?? throw ApiException.PathNotFound());
                return;
            case ["apis", var g, var v, .. var rest]:
                await HandleResourceAsync(context, ApiPath.Parse(g, v, rest) ?? throw ApiException.PathNotFound());
                return;
            default:
                throw ApiException.PathNotFound();
        }
    }

    /// <summary>The verb names fault rules use: GET, LIST (collections and watches), POST, PUT, PATCH, DELETE.</summary>
    private static string Verb(HttpRequest request, string path)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return request.Method.ToUpperInvariant();
        }

        var segments = path.Trim('/').Split('/');
        var resourceSegments = segments.Length > 0 && segments[0] == "api" ? segments.Length - 2 : segments.Length - 3;
        var isCollection = resourceSegments == 1 || (resourceSegments == 3 && segments[^3] == "namespaces");
        return isCollection || request.Query.ContainsKey("watch") ? "LIST" : "GET";
    }
}

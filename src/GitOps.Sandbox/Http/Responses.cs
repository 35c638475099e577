using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using Microsoft.AspNetCore.Http;

namespace GitOps.Sandbox.Http;

internal static class Responses
{
    public static Task Json(HttpContext context, int status, JsonNode body) =>
        Bytes(context, status, JsonSerializer.SerializeToUtf8Bytes(body, Apply.CompactJson.Options));

    public static async Task Bytes(HttpContext context, int status, ReadOnlyMemory<byte> body, string contentType = "application/json")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static Task Error(HttpContext context, ApiException error)
    {
        if (error.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Json(context, error.Code, error.ToStatus());
    }

    /// <summary>Warnings as apiserver sends them: <c>Warning: 299 - "unknown field \"spec.foo\""</c>.</summary>
    public static void Warnings(HttpContext context, IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            var escaped = warning.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
            context.Response.Headers.Append("Warning", $"299 - \"{escaped}\"");
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>
/// A smart-HTTP git server on 127.0.0.1: Kestrel in front of the real `git http-backend` (run as a CGI program per
/// request), with HTTP Basic authentication. It records every request line it receives, so tests can check what a
/// client sent. With a certificate it serves HTTPS.
/// </summary>
public sealed class GitHttpServer : IAsyncDisposable
{
    private LoopbackWebServer? server;

    private GitHttpServer()
    {
    }

    public Uri BaseUrl => server!.BaseUrl;

    /// <summary>"METHOD path?query -> status" for every request, including rejected ones.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public string Url(string repository) => new Uri(BaseUrl, repository).AbsoluteUri;

    public static async Task<GitHttpServer> StartAsync(string projectRoot, string username, string password, X509Certificate2? certificate = null)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}"));
        var git = new GitHttpServer();
        git.server = await LoopbackWebServer.StartAsync(async context =>
        {
            var request = context.Request;
            if (request.Headers.Authorization != expected)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"git\"";
                git.Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString} -> 401");
                return;
            }

            await RunBackendAsync(context, projectRoot, username);
            git.Requests.Enqueue($"{request.Method} {request.Path}{request.QueryString} -> {context.Response.StatusCode}");
        }, certificate);
        return git;
    }

    /// <summary>Runs git http-backend as CGI: request metadata in the environment, the body on stdin, headers then body on stdout.</summary>
    private static async Task RunBackendAsync(HttpContext context, string projectRoot, string user)
    {
        var request = context.Request;
        var start = new ProcessStartInfo("git", ["http-backend"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = start.Environment;
        environment["GIT_PROJECT_ROOT"] = projectRoot;
        environment["GIT_HTTP_EXPORT_ALL"] = "1";
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        environment["REQUEST_METHOD"] = request.Method;
        environment["PATH_INFO"] = request.Path.Value;
        environment["QUERY_STRING"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        environment["CONTENT_TYPE"] = request.ContentType ?? "";
        environment["REMOTE_USER"] = user;
        environment["REMOTE_ADDR"] = "127.0.0.1";
        environment["GIT_PROTOCOL"] = request.Headers["Git-Protocol"].ToString();
        environment["HTTP_CONTENT_ENCODING"] = request.Headers.ContentEncoding.ToString();
        if (request.ContentLength is { } length)
        {
            environment["CONTENT_LENGTH"] = length.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        await request.Body.CopyToAsync(process.StandardInput.BaseStream);
        process.StandardInput.Close();
        var output = process.StandardOutput.BaseStream;
        // CGI headers: lines up to an empty line; "Status: 404 Not Found" sets the status.
        var header = new StringBuilder();
        var previous = -1;
        while (output.ReadByte() is var b and >= 0)
        {
            if (b == '\n' && previous == '\n')
            {
                break;
            }

            if (b != '\r')
            {
                header.Append((char)b);
                previous = b;
            }
        }

        foreach (var line in header.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon], line[(colon + 1)..].Trim());
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value[..3], System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await output.CopyToAsync(context.Response.Body);
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !context.Response.HasStarted)
        {
            context.Response.StatusCode = 500;
            await context.Response.WriteAsync(await errors);
        }
    }

    public ValueTask DisposeAsync() => server?.DisposeAsync() ?? ValueTask.CompletedTask;
}

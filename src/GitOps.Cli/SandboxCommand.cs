using System.CommandLine;
using GitOps.Sandbox;
using Microsoft.Extensions.Logging;

namespace GitOps.Cli;

/// <summary>`gitops sandbox`: an in-memory Kubernetes API server for trying the reconciler without a cluster.</summary>
internal sealed class SandboxCommand : ICliCommand
{
    public Command Build()
    {
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var kubeconfig = new Option<FileInfo>("--kubeconfig")
        {
            Description = "Where to write a kubeconfig for the sandbox.",
            DefaultValueFactory = _ => new FileInfo("sandbox.kubeconfig"),
        };
        var quiet = new Option<bool>("--quiet") { Description = "Log warnings only, not every request." };
        var tls = new Option<bool>("--tls")
        {
            Description = "Serve HTTPS with a CA, server and client certificate generated at start, and require that client certificate (written into the kubeconfig).",
        };
        var command = new Command("sandbox", "Serve an in-memory Kubernetes API (a local stand-in for trying things and for tests, not a cluster).")
        {
            port, kubeconfig, quiet, tls,
        };
        command.SetAction((result, cancellationToken) =>
            RunAsync(result.GetValue(port), result.GetValue(kubeconfig)!, result.GetValue(quiet), result.GetValue(tls), Console.Out, cancellationToken));
        return command;
    }

    internal static async Task<int> RunAsync(int port, FileInfo kubeconfig, bool quiet, bool tls, TextWriter output, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddSimpleConsole(console => console.SingleLine = true)
            .SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Debug)
            .AddFilter("Microsoft", LogLevel.Warning));
        SandboxServer server;
        try
        {
            server = await SandboxServer.StartAsync(new SandboxOptions { Port = port, LoggerFactory = loggers, Tls = tls }, cancellationToken);
        }
        catch (IOException error)
        {
            await Console.Error.WriteLineAsync($"gitops sandbox: cannot listen on 127.0.0.1:{port}: {error.Message}");
            return 1;
        }

        await using (server)
        {
            server.WriteKubeconfig(kubeconfig.FullName);
            await output.WriteLineAsync($"Sandbox API server listening on {server.Url}");
            await output.WriteLineAsync($"Kubeconfig written to {kubeconfig.FullName}; try: kubectl --kubeconfig {kubeconfig.FullName} api-resources");
            if (tls)
            {
                await output.WriteLineAsync("It holds the client key this sandbox generated (the only credential it accepts): readable by you only.");
            }

            await output.WriteLineAsync("Press Ctrl+C to stop.");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await output.WriteLineAsync("Sandbox stopped.");
            }
        }

        return 0;
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GitOps.Reconciler.Tests.Support;

/// <summary>A real `git daemon` on 127.0.0.1 serving every repository under a base path, stopped on dispose.</summary>
public sealed class GitDaemon : IDisposable
{
    private readonly Process process;

    private GitDaemon(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string Url(string repository) => $"git://127.0.0.1:{Port}/{repository}";

    public static async Task<GitDaemon> StartAsync(string basePath)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("git") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "daemon", "--export-all", $"--base-path={basePath}", "--listen=127.0.0.1", $"--port={port}", "--reuseaddr", basePath })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var daemon = new GitDaemon(process, port);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"git daemon exited: {await process.StandardError.ReadToEndAsync()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                return daemon;
            }
            catch (SocketException)
            {
                await Task.Yield();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }
}

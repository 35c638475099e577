using k8s;

namespace GitOps.Sandbox.Tests.Support;

/// <summary>A sandbox on a free port with a kubeconfig in its own temp dir, kubectl and a KubernetesClient.</summary>
internal sealed class SandboxSession : IAsyncDisposable
{
    private SandboxSession(SandboxServer server, string directory)
    {
        Server = server;
        Directory = directory;
        Kubeconfig = System.IO.Path.Combine(directory, "kubeconfig");
        server.WriteKubeconfig(Kubeconfig);
        Kubectl = new Kubectl(Kubeconfig);
        Client = new Kubernetes(server.ClientConfiguration());
    }

    public SandboxServer Server { get; }

    public string Directory { get; }

    public string Kubeconfig { get; }

    public Kubectl Kubectl { get; }

    public Kubernetes Client { get; }

    public static async Task<SandboxSession> StartAsync(SandboxOptions? options = null)
    {
        var directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gitops-sandbox-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        return new SandboxSession(await SandboxServer.StartAsync(options), directory);
    }

    public string WriteFile(string name, string content)
    {
        var path = System.IO.Path.Combine(Directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A kubectl cache file still open; the temp dir is cleaned by the OS.
        }
    }
}

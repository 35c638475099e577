using GitOps.Reconciler.Tests.Support;

namespace GitOps.Cli.Tests.Support;

/// <summary>
/// A rendered branch served over TLS by the real `git http-backend` behind Kestrel (<see cref="GitHttpServer"/>), with
/// a CA the test generates, trusted only through <see cref="CaFile"/>, and Basic auth whose password is only in
/// <see cref="CredentialsFile"/>; plus a working clone that commits and pushes to it. Everything lives in a temp dir.
/// </summary>
internal sealed class HttpsGitRemote : IAsyncDisposable
{
    private GitHttpServer? server;

    private HttpsGitRemote(string root)
    {
        Root = root;
        Password = "pw-" + Guid.NewGuid().ToString("N");
    }

    public string Root { get; }

    public string Password { get; }

    /// <summary>PEM of the CA that signed the server's certificate.</summary>
    public string CaFile => Path.Combine(Root, "git-ca.pem");

    /// <summary>PEM of another CA, which did not sign it.</summary>
    public string OtherCaFile => Path.Combine(Root, "other-ca.pem");

    /// <summary>'deploy:PASSWORD', as --git-credentials-file reads it.</summary>
    public string CredentialsFile => Path.Combine(Root, "git-credentials");

    public string WorkPath => Path.Combine(Root, "work");

    public GitHttpServer Server => server!;

    public string Url => Server.Url("remote.git");

    /// <summary>A fresh directory under the root, for a client's git cache.</summary>
    public string NewCacheDirectory() => Path.Combine(Root, "cache-" + Guid.NewGuid().ToString("N"));

    public static async Task<HttpsGitRemote> StartAsync(string purpose)
    {
        var remote = new HttpsGitRemote(Path.Combine(Path.GetTempPath(), $"gitops-cli-{purpose}", Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(remote.Root);
        Git(remote.Root, "init", "--bare", "--quiet", Path.Combine(remote.Root, "remote.git"));
        Git(remote.Root, "init", "--quiet", "--initial-branch", "rendered", remote.WorkPath);
        Git(remote.WorkPath, "config", "user.name", "CLI Tests");
        Git(remote.WorkPath, "config", "user.email", "cli-tests@gitops.invalid");
        Git(remote.WorkPath, "config", "commit.gpgsign", "false");

        var (ca, certificate) = TestCertificates.CaAndServer("127.0.0.1");
        using (ca)
        {
            File.WriteAllText(remote.CaFile, ca.ExportCertificatePem());
        }

        var (otherCa, otherCertificate) = TestCertificates.CaAndServer("127.0.0.1");
        using (otherCa)
        using (otherCertificate)
        {
            File.WriteAllText(remote.OtherCaFile, otherCa.ExportCertificatePem());
        }

        File.WriteAllText(remote.CredentialsFile, $"deploy:{remote.Password}\n");
        remote.server = await GitHttpServer.StartAsync(remote.Root, "deploy", remote.Password, certificate);
        return remote;
    }

    /// <summary>Writes the files (a null content deletes one), commits and pushes to the rendered branch; returns the commit.</summary>
    public string Commit(string message, params (string Path, string? Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(WorkPath, path);
            if (content is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        Git(WorkPath, "add", "--all");
        Git(WorkPath, "commit", "--quiet", "-m", message);
        Push("HEAD:refs/heads/rendered");
        return Git(WorkPath, "rev-parse", "HEAD").Trim();
    }

    /// <summary>Pushes refspecs from the working clone to the served repository (through the file system).</summary>
    public void Push(params string[] refspecs) => Git(WorkPath, ["push", "--quiet", Path.Combine(Root, "remote.git"), .. refspecs]);

    public static string Git(string directory, params string[] args) => GitProcess.Run(directory, args);

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort; the temp dir is cleaned eventually.
        }
    }
}

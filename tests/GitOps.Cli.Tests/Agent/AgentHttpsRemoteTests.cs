using System.Net;
using GitOps.Cli.Tests.Support;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Tests.Support;
using GitOps.Sandbox;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging.Abstractions;

namespace GitOps.Cli.Tests.Agent;

/// <summary>
/// The agent, configured from `gitops agent` flags and hosted in-process against the sandbox, syncing from an https
/// remote (the real `git http-backend` behind TLS, its certificate signed by a CA the test generates): trusted only
/// through --git-ca-file, authenticated only through --git-credentials-file.
/// </summary>
public sealed class AgentHttpsRemoteTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_git_ca_file_and_git_credentials_file_the_agent_applies_the_https_remotes_commit_and_the_next_one()
    {
        await using var remote = await HttpsGitRemote.StartAsync("agent-https-tests");
        var first = remote.Commit("render", ("prod/settings.yaml", ConfigMap("settings", "blue")));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(20) }, Cancel);
        using var client = new Kubernetes(sandbox.ClientConfiguration());
        await using var agent = Agent(sandbox, remote, remote.NewCacheDirectory(), "--git-ca-file", remote.CaFile, "--git-credentials-file", remote.CredentialsFile);

        await agent.StartAsync(Cancel);
        var started = await agent.WaitForAsync(s => s.Cycles > 0, Wait);

        Assert.True(started.LastResult == "applied", started.LastError);
        Assert.Equal((first, false), (started.LastAppliedCommit, started.Stale));
        Assert.Equal("blue", await ColorAsync(client, "settings"));
        // libgit2 asks without credentials first; the server's 401 makes it send the file's, and the fetch goes through.
        Assert.Contains(remote.Server.Requests, r => r.EndsWith("-> 401", StringComparison.Ordinal));
        Assert.Contains(remote.Server.Requests, r => r.StartsWith("POST /remote.git/git-upload-pack", StringComparison.Ordinal) && r.EndsWith("-> 200", StringComparison.Ordinal));

        var second = remote.Commit("render", ("prod/settings.yaml", ConfigMap("settings", "green")));
        var cycles = agent.Status.Cycles;
        agent.Trigger("webhook");
        var next = await agent.WaitForAsync(s => s.Cycles > cycles, Wait);

        Assert.True(next.LastResult == "applied", next.LastError);
        Assert.Equal(second, next.LastAppliedCommit);
        Assert.Equal("green", await ColorAsync(client, "settings"));
        var recorded = await StatusAsync(client);
        Assert.Equal(("applied", second, ""), (recorded["lastResult"], recorded["lastAppliedCommit"], recorded["lastError"]));
        Assert.DoesNotContain(recorded.Values, v => v.Contains(remote.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_git_ca_file_the_agent_reports_the_certificate_error_in_status_and_applies_and_prunes_nothing()
    {
        await using var remote = await HttpsGitRemote.StartAsync("agent-https-tests");
        var first = remote.Commit("render", ("prod/settings.yaml", ConfigMap("settings", "blue")), ("prod/old.yaml", ConfigMap("old", "grey")));
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { RolloutDelay = TimeSpan.FromMilliseconds(20) }, Cancel);
        using var client = new Kubernetes(sandbox.ClientConfiguration());
        var cache = remote.NewCacheDirectory();
        await using (var trusting = Agent(sandbox, remote, cache, "--git-ca-file", remote.CaFile, "--git-credentials-file", remote.CredentialsFile))
        {
            await trusting.StartAsync(Cancel);
            Assert.Equal(first, (await trusting.WaitForAsync(s => s.Cycles > 0, Wait)).LastAppliedCommit);
        }

        // The next commit changes one object, adds one and drops one: none of it may reach the cluster.
        remote.Commit("render", ("prod/settings.yaml", ConfigMap("settings", "green")), ("prod/new.yaml", ConfigMap("new", "red")), ("prod/old.yaml", null));
        var requestsBefore = remote.Server.Requests.Count;
        await using var untrusting = Agent(sandbox, remote, cache, "--git-credentials-file", remote.CredentialsFile);

        await untrusting.StartAsync(Cancel);
        var status = await untrusting.WaitForAsync(s => s.Cycles > 0, Wait);

        Assert.Equal(("fetch-failed", true, first), (status.LastResult, status.Stale, status.LastAppliedCommit));
        Assert.StartsWith($"fetching branch 'rendered' from {remote.Url} failed", status.LastError, StringComparison.Ordinal);
        Assert.Contains("certificate", status.LastError, StringComparison.OrdinalIgnoreCase);
        var recorded = await StatusAsync(client);
        Assert.Equal(("fetch-failed", "true", status.LastError, first), (recorded["lastResult"], recorded["stale"], recorded["lastError"], recorded["lastAppliedCommit"]));
        Assert.Equal(("blue", "grey", (string?)null), (await ColorAsync(client, "settings"), await ColorAsync(client, "old"), await ColorAsync(client, "new")));
        // Refused in the TLS handshake: no request, and so no credential, reached the server.
        Assert.Equal(requestsBefore, remote.Server.Requests.Count);
    }

    /// <summary>An agent built from `gitops agent` flags, as the command builds it, without leader election or timed polls.</summary>
    private static GitOpsAgent Agent(SandboxServer sandbox, HttpsGitRemote remote, string cacheDirectory, params string[] flags)
    {
        var command = new AgentCommand();
        var parsed = command.Build().Parse(["--repo", remote.Url, "--path", "prod", "--cache-dir", cacheDirectory, "--no-leader-election", "--interval", "10m", .. flags]);
        var options = command.Options(parsed, new AgentSettingSources(null, _ => null));
        return new GitOpsAgent(options, sandbox.ClusterConfiguration(), NullLogger.Instance);
    }

    private static string ConfigMap(string name, string color) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\ndata:\n  color: {color}\n";

    private static async Task<string?> ColorAsync(Kubernetes client, string name)
    {
        try
        {
            return (await client.CoreV1.ReadNamespacedConfigMapAsync(name, "default", cancellationToken: Cancel)).Data["color"];
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static async Task<IDictionary<string, string>> StatusAsync(Kubernetes client) =>
        (await client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod-status", "gitops-system", cancellationToken: Cancel)).Data;
}

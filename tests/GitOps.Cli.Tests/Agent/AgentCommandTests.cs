namespace GitOps.Cli.Tests.Agent;

public sealed class AgentCommandTests
{
    private static async Task<(int Exit, string Err)> RunAsync(params string[] args)
    {
        var agent = new AgentCommand();
        using var stderr = new StringWriter();
        var exit = await agent.RunAsync(agent.Build().Parse(args), stderr, TestContext.Current.CancellationToken);
        return (exit, stderr.ToString());
    }

    [Fact]
    public async Task Without_a_repository_the_agent_exits_1_and_names_every_way_to_give_one()
    {
        var (exit, error) = await RunAsync("--path", "prod");

        Assert.Equal(1, exit);
        Assert.Contains("--repo is required (or GITOPS_REPO, or 'repo' in --config)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_signatures_without_trusted_keys_is_refused_before_starting()
    {
        var (exit, error) = await RunAsync("--repo", "/nonexistent", "--verify-signatures");

        Assert.Equal(1, exit);
        Assert.Contains("--verify-signatures needs --allowed-signers FILE or --gpg-keyring DIR", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sync_window_without_a_duration_is_refused_with_an_example()
    {
        var (exit, error) = await RunAsync("--repo", "/nonexistent", "--sync-window", "0 9 * * MON-FRI");

        Assert.Equal(1, exit);
        Assert.Contains("expected 'CRON DURATION'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_actions_without_a_token_are_refused_before_starting()
    {
        var (exit, error) = await RunAsync("--repo", "/nonexistent", "--ui-actions");

        Assert.Equal(1, exit);
        Assert.Contains("--ui-actions needs a bearer token", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Git_ca_file_comes_from_the_flag_as_a_full_path_or_from_the_config_file()
    {
        var agent = new AgentCommand();
        var command = agent.Build();
        var config = Path.Combine(Path.GetTempPath(), $"gitops-agent-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, "repo: https://git.example.invalid/rendered.git\ngit-ca-file: /etc/gitops/git-ca.pem\n");
        try
        {
            var fromFlag = agent.Options(command.Parse(["--repo", "https://git.example.invalid/rendered.git", "--git-ca-file", "certs/ca.pem"]), new GitOps.Reconciler.Agent.AgentSettingSources(null, _ => null));
            var fromConfig = agent.Options(command.Parse(["--config", config]), new GitOps.Reconciler.Agent.AgentSettingSources(config, _ => null));
            var none = agent.Options(command.Parse(["--repo", "https://git.example.invalid/rendered.git"]), new GitOps.Reconciler.Agent.AgentSettingSources(null, _ => null));

            Assert.Equal(Path.GetFullPath("certs/ca.pem"), fromFlag.Reconcile.GitCaFile);
            Assert.Equal("/etc/gitops/git-ca.pem", fromConfig.Reconcile.GitCaFile);
            Assert.Null(none.Reconcile.GitCaFile);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Cluster_name_comes_from_the_flag_or_the_config_file_and_is_default_without_either()
    {
        var agent = new AgentCommand();
        var command = agent.Build();
        var config = Path.Combine(Path.GetTempPath(), $"gitops-agent-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(config, "repo: /srv/rendered.git\ncluster-name: eu-central\n");
        try
        {
            var fromFlag = agent.Options(command.Parse(["--repo", "/srv/rendered.git", "--cluster-name", "us-east"]), new GitOps.Reconciler.Agent.AgentSettingSources(null, _ => null));
            var fromConfig = agent.Options(command.Parse(["--config", config]), new GitOps.Reconciler.Agent.AgentSettingSources(config, _ => null));
            var none = agent.Options(command.Parse(["--repo", "/srv/rendered.git"]), new GitOps.Reconciler.Agent.AgentSettingSources(null, _ => null));

            Assert.Equal(("us-east", "eu-central", "default"), (fromFlag.ClusterName, fromConfig.ClusterName, none.ClusterName));
        }
        finally
        {
            File.Delete(config);
        }
    }
}

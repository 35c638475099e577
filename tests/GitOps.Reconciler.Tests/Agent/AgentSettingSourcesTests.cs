using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class AgentSettingSourcesTests
{
    [Fact]
    public void A_flag_wins_over_the_environment_which_wins_over_the_config_file()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("agent.yaml");
        File.WriteAllText(file, "repo: https://from-file\nbranch: from-file\npath: prod\nwrite-back: \"true\"\nsync-window:\n  - 0 9 * * MON-FRI 8h\n  - 0 22 * * SAT 2h\n");
        var environment = new Dictionary<string, string> { ["GITOPS_BRANCH"] = "from-env", ["GITOPS_REPO"] = "https://from-env" };

        var sources = new AgentSettingSources(file, name => environment.GetValueOrDefault(name));

        Assert.Equal("https://from-flag", sources.Get("repo", "https://from-flag"));
        Assert.Equal("from-env", sources.Get("branch", null));
        Assert.Equal("prod", sources.Get("path", null));
        Assert.True(sources.GetBool("write-back", false));
        Assert.Equal("0 9 * * MON-FRI 8h\n0 22 * * SAT 2h", sources.Get("sync-window", null));
        Assert.Null(sources.Get("listen", null));
        Assert.Equal("GITOPS_ALLOWED_SIGNERS", AgentSettingSources.VariableFor("allowed-signers"));
    }

    [Fact]
    public void A_config_file_that_is_not_a_mapping_is_rejected_with_its_path()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("agent.yaml");
        File.WriteAllText(file, "- just\n- a list\n");

        var error = Assert.Throws<ReconcileException>(() => new AgentSettingSources(file, _ => null));

        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_boolean_setting_that_is_not_true_or_false_names_the_setting()
    {
        var sources = new AgentSettingSources(null, name => name == "GITOPS_WRITE_BACK" ? "yes" : null);

        var error = Assert.Throws<ReconcileException>(() => sources.GetBool("write-back", false));

        Assert.Contains("'write-back'", error.Message, StringComparison.Ordinal);
    }
}

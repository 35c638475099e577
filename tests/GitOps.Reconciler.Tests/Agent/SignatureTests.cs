using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Tests.Support;
using k8s;
using LibGit2Sharp;

namespace GitOps.Reconciler.Tests.Agent;

public sealed class SignatureTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Commits, signs the tip like `gitops render --sign` does, and pushes the signed commit.</summary>
    internal static async Task<string> CommitSignedAsync(RenderedRepo repo, string spec, string? gpgHome = null)
    {
        var unsigned = repo.Commit();
        var signed = await CommitSigner.SignBranchTipAsync(repo.WorkPath, repo.Branch, unsigned, spec, gpgHome, Cancel);
        Git.Run(repo.WorkPath, "push", "--quiet", "--force", "origin", $"{signed}:refs/heads/{repo.Branch}");
        return signed;
    }

    private static string Fetched(RenderedRepo repo)
    {
        GitSource.Fetch(repo.BarePath, repo.Branch, ".", repo.CacheDirectory, null);
        return GitSource.RepositoryDirectory(repo.BarePath, repo.CacheDirectory);
    }

    [Fact]
    public async Task An_ssh_signed_rendered_commit_verifies_with_git_verify_commit_and_with_the_agent_policy()
    {
        using var repo = new RenderedRepo();
        var (key, line) = SigningKeys.Ssh(repo.RootPath, "render@gitops.invalid");
        var allowed = Path.Combine(repo.RootPath, "allowed_signers");
        File.WriteAllText(allowed, line + "\n");
        repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "a", "1"));

        var sha = await CommitSignedAsync(repo, $"ssh:{key}");

        var gitSays = Git.Run(repo.WorkPath, "-c", "gpg.format=ssh", "-c", $"gpg.ssh.allowedSignersFile={allowed}", "log", "--show-signature", "-1", "--format=%H %G?", sha);
        Assert.Contains($"{sha} G", gitSays, StringComparison.Ordinal);
        Git.Run(repo.WorkPath, "-c", "gpg.format=ssh", "-c", $"gpg.ssh.allowedSignersFile={allowed}", "verify-commit", sha);
        var verdict = await new CommitSignatureVerifier(new SignaturePolicy(allowed, null)).VerifyAsync(Fetched(repo), sha, Cancel);
        Assert.Equal(SignatureState.Good, verdict.State);
        Assert.Contains("render@gitops.invalid", verdict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsigned_unknown_key_and_tampered_commits_are_refused_each_for_its_reason()
    {
        using var repo = new RenderedRepo();
        var (trusted, line) = SigningKeys.Ssh(repo.RootPath, "render@gitops.invalid");
        var (stranger, _) = SigningKeys.Ssh(repo.RootPath, "someone@else.invalid");
        var allowed = Path.Combine(repo.RootPath, "allowed_signers");
        File.WriteAllText(allowed, line + "\n");
        repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
        var unsigned = repo.Commit();
        repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "2"));
        var byStranger = await CommitSignedAsync(repo, $"ssh:{stranger}");
        repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "3"));
        var good = await CommitSignedAsync(repo, $"ssh:{trusted}");
        Fetched(repo);
        var tampered = Tamper(repo.WorkPath, good);
        Git.Run(repo.WorkPath, "push", "--quiet", "--force", "origin", $"{tampered}:refs/heads/{repo.Branch}");
        var cache = Fetched(repo);
        var verifier = new CommitSignatureVerifier(new SignaturePolicy(allowed, null));

        Assert.Equal(SignatureState.NotSigned, (await verifier.VerifyAsync(cache, unsigned, Cancel)).State);
        Assert.Equal(SignatureState.UnknownKey, (await verifier.VerifyAsync(cache, byStranger, Cancel)).State);
        Assert.Equal(SignatureState.Good, (await verifier.VerifyAsync(cache, good, Cancel)).State);
        Assert.Equal(SignatureState.Bad, (await verifier.VerifyAsync(cache, tampered, Cancel)).State);
    }

    /// <summary>The trusted signature of <paramref name="sha"/> on a commit with a different message.</summary>
    internal static string Tamper(string repositoryPath, string sha)
    {
        using var repository = new Repository(repositoryPath);
        var info = Commit.ExtractSignature(repository, new ObjectId(sha));
        var commit = repository.Lookup<Commit>(sha);
        var payload = Commit.CreateBuffer(commit.Author, commit.Committer, commit.Message + "sneaky change\n", commit.Tree, commit.Parents, false, null);
        return repository.ObjectDatabase.CreateCommitWithSignature(payload, info.Signature).Sha;
    }

    [Fact]
    public async Task A_gpg_signed_commit_verifies_against_its_keyring_and_is_unknown_to_another()
    {
        using var repo = new RenderedRepo();
        var (home, fingerprint) = SigningKeys.Gpg(repo.RootPath, "Render <render@gitops.invalid>");
        var (otherHome, _) = SigningKeys.Gpg(repo.RootPath, "Other <other@gitops.invalid>");
        try
        {
            repo.Write("prod/a.yaml", TestManifests.ConfigMap("default", "a", "1"));
            var sha = await CommitSignedAsync(repo, $"gpg:{fingerprint}", home);
            var cache = Fetched(repo);

            Assert.Equal(SignatureState.Good, (await new CommitSignatureVerifier(new SignaturePolicy(null, home)).VerifyAsync(cache, sha, Cancel)).State);
            Assert.Equal(SignatureState.UnknownKey, (await new CommitSignatureVerifier(new SignaturePolicy(null, otherHome)).VerifyAsync(cache, sha, Cancel)).State);
        }
        finally
        {
            SigningKeys.StopGpgAgent(home);
            SigningKeys.StopGpgAgent(otherHome);
        }
    }

    [Fact]
    public async Task The_agent_refuses_an_unsigned_commit_keeps_the_last_good_one_applied_and_reports_the_refusal()
    {
        await using var harness = await AgentHarness.StartAsync();
        var (key, line) = SigningKeys.Ssh(harness.Repo.RootPath, "render@gitops.invalid");
        var allowed = Path.Combine(harness.Repo.RootPath, "allowed_signers");
        File.WriteAllText(allowed, line + "\n");
        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "signed"));
        var good = await CommitSignedAsync(harness.Repo, $"ssh:{key}");
        var agent = await harness.StartAgentAsync(r => AgentHarness.Options(r) with { Signatures = new SignaturePolicy(allowed, null) });
        await agent.WaitForAsync(s => s.LastAppliedCommit == good, TimeSpan.FromSeconds(30));

        harness.Repo.Write("prod/cm.yaml", TestManifests.ConfigMap("default", "settings", "unsigned"));
        var unsigned = harness.Repo.Commit();
        var status = await AgentHarness.CycleAsync(agent, s => s.LastResult == "refused");

        Assert.Equal((good, unsigned), (status.LastAppliedCommit, status.RefusedCommit));
        Assert.Contains("not signed", status.LastError, StringComparison.Ordinal);
        var live = await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("settings", "default", cancellationToken: Cancel);
        Assert.Equal("signed", live.Data["value"]);
        var recorded = await harness.Client.CoreV1.ReadNamespacedConfigMapAsync("gitops-prod-status", "gitops-system", cancellationToken: Cancel);
        Assert.Equal(("refused", good), (recorded.Data["lastResult"], recorded.Data["lastAppliedCommit"]));
        Assert.Equal(1, agent.Metrics.SignatureFailures.Value);

        var again = await AgentHarness.CycleAsync(agent);
        Assert.Equal(("refused", good), (again.LastResult, again.LastAppliedCommit));
        Assert.Equal(1, agent.Metrics.SignatureFailures.Value);
    }
}

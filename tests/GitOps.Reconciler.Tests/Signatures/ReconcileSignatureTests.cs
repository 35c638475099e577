using GitOps.Reconciler.Signatures;
using GitOps.Reconciler.Tests.Agent;
using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Signatures;

/// <summary>`Reconciler.RunAsync` with a <see cref="SignaturePolicy"/>: what `gitops reconcile --verify-signatures` does.</summary>
public sealed class ReconcileSignatureTests
{
    private static SignaturePolicy TrustOnly(SandboxCluster cluster, string allowedSignersLine)
    {
        var allowed = Path.Combine(cluster.Repo.RootPath, "allowed_signers");
        File.WriteAllText(allowed, allowedSignersLine + "\n");
        return new SignaturePolicy(allowed, null);
    }

    [Fact]
    public async Task A_trusted_signed_commit_is_applied_and_a_later_unsigned_one_is_refused_with_nothing_applied_and_the_inventory_untouched()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (key, line) = SigningKeys.Ssh(cluster.Repo.RootPath, "render@gitops.invalid");
        var policy = TrustOnly(cluster, line);
        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings", value: "signed"));
        var signed = await SignatureTests.CommitSignedAsync(cluster.Repo, $"ssh:{key}");

        var applied = await cluster.ReconcileAsync(signatures: policy);

        Assert.True(applied.Succeeded, string.Join("\n", applied.Errors));
        Assert.Equal(signed, applied.Commit);
        var inventoryBefore = (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!["data"]!.ToJsonString();

        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings", value: "unsigned")).Write("prod/extra.yaml", Yaml.ConfigMap("default", "extra"));
        var unsigned = cluster.Repo.Commit("unsigned change");
        var refused = await cluster.ReconcileAsync(signatures: policy);

        Assert.False(refused.Succeeded);
        Assert.Equal(unsigned, refused.Commit);
        var error = Assert.Single(refused.Errors);
        Assert.StartsWith($"refusing commit {unsigned} of branch 'rendered': signature refused: ", error, StringComparison.Ordinal);
        Assert.Contains("is not signed", error, StringComparison.Ordinal);
        Assert.Empty(refused.Objects);
        Assert.Equal("signed", (await cluster.GetAsync("/api/v1/namespaces/default/configmaps/settings"))!["data"]!["key"]!.GetValue<string>());
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/extra"));
        Assert.Equal(inventoryBefore, (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!["data"]!.ToJsonString());
    }

    [Fact]
    public async Task A_refusal_is_recorded_in_the_status_config_map_keeping_the_agents_applied_commit_and_the_inventory_byte_identical()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (key, line) = SigningKeys.Ssh(cluster.Repo.RootPath, "render@gitops.invalid");
        var policy = TrustOnly(cluster, line);
        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings", value: "signed"));
        var signed = await SignatureTests.CommitSignedAsync(cluster.Repo, $"ssh:{key}");
        Assert.True((await cluster.ReconcileAsync(signatures: policy)).Succeeded);

        // What an agent recorded on top of the one-shot run's status.
        await cluster.MergePatchAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod-status", $$$"""{"data":{"cluster":"prod-eu","lastAppliedCommit":"{{{signed}}}"}}""");

        var inventoryBefore = (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!.ToJsonString();
        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings", value: "unsigned"));
        var unsigned = cluster.Repo.Commit("unsigned change");

        var refused = await cluster.ReconcileAsync(signatures: policy);

        var error = Assert.Single(refused.Errors);
        var status = (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod-status"))!["data"]!.AsObject();
        Assert.Equal(("refused", error, unsigned, unsigned, "prod"),
            (Data(status, "lastResult"), Data(status, "lastError"), Data(status, "refusedCommit"), Data(status, "lastAttemptedCommit"), Data(status, "path")));
        Assert.Equal((signed, "prod-eu"), (Data(status, "lastAppliedCommit"), Data(status, "cluster")));
        Assert.Equal(inventoryBefore, (await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"))!.ToJsonString());
    }

    private static string? Data(System.Text.Json.Nodes.JsonObject data, string key) => data[key]?.GetValue<string>();

    [Fact]
    public async Task Commits_signed_by_an_unknown_key_or_with_a_signature_that_does_not_verify_are_refused_before_anything_is_created()
    {
        await using var cluster = await SandboxCluster.StartAsync();
        var (trusted, line) = SigningKeys.Ssh(cluster.Repo.RootPath, "render@gitops.invalid");
        var (stranger, _) = SigningKeys.Ssh(cluster.Repo.RootPath, "someone@else.invalid");
        var policy = TrustOnly(cluster, line);
        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings"));
        var byStranger = await SignatureTests.CommitSignedAsync(cluster.Repo, $"ssh:{stranger}");

        var unknown = await cluster.ReconcileAsync(signatures: policy);

        var unknownError = Assert.Single(unknown.Errors);
        Assert.False(unknown.Succeeded);
        Assert.StartsWith($"refusing commit {byStranger} ", unknownError, StringComparison.Ordinal);
        Assert.Contains("signed by an SSH key that is not in allowed_signers", unknownError, StringComparison.Ordinal);

        cluster.Repo.Write("prod/cm.yaml", Yaml.ConfigMap("default", "settings", value: "v2"));
        var good = await SignatureTests.CommitSignedAsync(cluster.Repo, $"ssh:{trusted}");
        var tampered = SignatureTests.Tamper(cluster.Repo.WorkPath, good);
        Git.Run(cluster.Repo.WorkPath, "push", "--quiet", "--force", "origin", $"{tampered}:refs/heads/{cluster.Repo.Branch}");

        var bad = await cluster.ReconcileAsync(signatures: policy);

        var badError = Assert.Single(bad.Errors);
        Assert.False(bad.Succeeded);
        Assert.StartsWith($"refusing commit {tampered} ", badError, StringComparison.Ordinal);
        Assert.Contains("the SSH signature of render@gitops.invalid does not verify", badError, StringComparison.Ordinal);
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/default/configmaps/settings"));
        Assert.Null(await cluster.GetAsync("/api/v1/namespaces/gitops-system/configmaps/gitops-prod"));
    }
}

using System.Text.Json.Nodes;

namespace GitOps.Cli.Tests.CheckDiff;

public sealed class DiffCommandTests
{
    [Fact]
    public void One_replica_change_in_prod_shows_exactly_that_field_of_that_deployment_in_markdown()
    {
        using var repo = ConfigRepo.CopyOfThisRepository();
        repo.Commit("this repository's config");
        var prod = repo.Read("environments/prod.csx");
        Assert.Contains("e.Replicas[\"postgres\"] = 1;", prod);
        repo.Write("environments/prod.csx", prod.Replace("e.Replicas[\"postgres\"] = 1;", "e.Replicas[\"postgres\"] = 1;\n    e.Replicas[\"cache\"] = 2;", StringComparison.Ordinal));
        repo.Commit("prod: two cache replicas");

        var outcome = Cli.Diff(repo.Root, "--base", "HEAD~1", "--format", "markdown");

        Assert.Equal(0, outcome.ExitCode);
        var markdown = outcome.Stdout;
        Assert.StartsWith("### gitops diff: `HEAD~1 (", markdown);
        Assert.Contains("| Environment | App | Added | Removed | Changed |\n|---|---|---:|---:|---:|\n| prod | storefront | 0 | 0 | 1 |\n\n<details>", markdown);
        Assert.Equal(1, markdown.Split("<details>").Length - 1);
        Assert.Contains("<details><summary><b>prod / storefront</b>: 1 changed</summary>\n\n**Deployment/storefront-prod/cache** (changed)\n\n| Field | Before | After |\n|---|---|---|\n| `spec.replicas` | `1` | `2` |\n\n```diff\n", markdown);
        Assert.Single(markdown.Split('\n'), line => line.StartsWith("| `"));
        Assert.Equal(["-  replicas: 1", "+  replicas: 2"], markdown.Split('\n').Where(line => line.StartsWith('-') || line.StartsWith('+')).Where(line => !line.StartsWith("---") && !line.StartsWith("+++")));
    }

    [Fact]
    public void The_default_head_is_the_working_tree_and_the_working_tree_is_left_alone()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");
        repo.Write("environments/prod.csx", repo.Read("environments/prod.csx").Replace("Replicas = 3", "Replicas = 4", StringComparison.Ordinal));
        var status = repo.Git("status", "--porcelain");

        var outcome = Cli.Diff(repo.Root, "--base", "HEAD", "--format", "json", "--exit-code");

        Assert.Equal(1, outcome.ExitCode);
        var json = JsonNode.Parse(outcome.Stdout)!;
        Assert.Equal("working tree", (string?)json["head"]);
        Assert.StartsWith("HEAD (", (string?)json["base"]);
        var prod = json["environments"]!.AsArray().Single(e => (string?)e!["name"] == "prod")!;
        var field = prod["objects"]![0]!["fields"]![0]!;
        Assert.Equal(("spec.replicas", 3, 4), ((string?)field["path"], (int)field["old"]!, (int)field["new"]!));
        Assert.Equal(status, repo.Git("status", "--porcelain"));
        Assert.Contains("Replicas = 4", repo.Read("environments/prod.csx"));
    }

    [Fact]
    public void No_differences_exit_0_even_with_exit_code()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");

        var outcome = Cli.Diff(repo.Root, "--base", "HEAD", "--exit-code");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("no differences in the rendered objects", outcome.Stdout);
    }

    [Fact]
    public void An_environment_on_one_side_only_is_all_added_in_text_output()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");
        repo.Write("environments/qa.csx", """Environment("qa", e => e.Namespace = "shop-qa");""");
        repo.Commit("qa");

        var outcome = Cli.Diff(repo.Root, "--base", "HEAD~1", "--env", "qa");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("qa (new environment): 2 added, 0 removed, 0 changed", outcome.Stdout);
        Assert.Contains("+ Deployment/shop-qa/web (added)", outcome.Stdout);
        Assert.DoesNotContain("\ndev", outcome.Stdout);
    }

    [Fact]
    public void A_missing_base_revision_exits_2_naming_it()
    {
        using var repo = ConfigRepo.Small();
        repo.Commit("config");

        var outcome = Cli.Diff(repo.Root, "--base", "no-such-ref");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("revision 'no-such-ref' does not exist", outcome.Stderr);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void A_base_whose_scripts_do_not_compile_is_reported_as_the_base_error()
    {
        using var repo = ConfigRepo.Small();
        var good = repo.Read("environments/dev.csx");
        repo.Write("environments/dev.csx", """Environment("dev", e => e.Namespac = "x");""");
        repo.Commit("broken");
        repo.Write("environments/dev.csx", good);
        repo.Commit("fixed");

        var outcome = Cli.Diff(repo.Root, "--base", "HEAD~1", "--format", "markdown");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("error: the base ('HEAD~1') does not render, so there is nothing to compare:", outcome.Stderr);
        Assert.Contains("environments/dev.csx(1,27): error CS1061", outcome.Stderr);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public void Two_environments_are_compared_after_aligning_prefixed_names()
    {
        using var repo = ConfigRepo.Small();

        var outcome = Cli.Diff(repo.Root, "--env", "dev", "--against-env", "prod");

        Assert.Equal(0, outcome.ExitCode);
        Assert.Contains("dev → prod: 0 added, 0 removed, 2 changed", outcome.Stdout);
        Assert.Contains("~ Deployment/shop-prod/prod-web (changed)\n", outcome.Stdout);
        Assert.Contains("\n        spec.replicas: 1 → 3\n", outcome.Stdout);
        // The instance label carries the namespace, a real difference; the names and namespaces themselves are aligned.
        Assert.Contains("~ Service/shop-prod/prod-web (changed)\n        metadata.labels[\"app.kubernetes.io/instance\"]: \"shop-dev\" → \"shop-prod\"\n        ---", outcome.Stdout);
        Assert.DoesNotContain("metadata.name", outcome.Stdout);
        Assert.DoesNotContain("metadata.namespace", outcome.Stdout);
    }

    [Fact]
    public void A_config_repository_in_a_subfolder_of_the_git_repository_is_diffed_from_that_subfolder()
    {
        using var repo = new ConfigRepo();
        using var small = ConfigRepo.Small();
        foreach (var file in new[] { "gitops.csx", "environments/dev.csx", "environments/prod.csx" })
        {
            repo.Write("deploy/" + file, small.Read(file));
        }

        repo.Commit("config in deploy/");
        repo.Write("deploy/environments/dev.csx", """Environment("dev", e => e.Namespace = "shop-dev2");""");

        var outcome = Cli.Diff(Path.Combine(repo.Root, "deploy"), "--base", "HEAD", "--format", "json");

        Assert.Equal(0, outcome.ExitCode);
        var dev = JsonNode.Parse(outcome.Stdout)!["environments"]!.AsArray().Single(e => (string?)e!["name"] == "dev")!;
        // Another namespace is another object to the cluster: created there, pruned here.
        Assert.Equal((2, 2, 0), ((int)dev["summary"]!["added"]!, (int)dev["summary"]!["removed"]!, (int)dev["summary"]!["changed"]!));
    }
}

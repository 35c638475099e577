using YamlDotNet.RepresentationModel;

namespace GitOps.Testing.Tests.Templates;

/// <summary>The gitops-repo template's CI workflows parse and run the pull-request and merge steps the README promises.</summary>
public sealed class CiWorkflowTests
{
    private static readonly string Template = Path.Combine(FindCheckout(), "templates", "content", "gitops-repo");

    [Fact]
    public void GitHub_workflow_tests_and_comments_the_diff_on_pull_requests_and_renders_on_main()
    {
        var workflow = Load(".github/workflows/gitops.yml");
        var jobs = (YamlMappingNode)workflow["jobs"];

        var pullRequest = Runs(jobs["pull-request"]);
        Assert.Contains(pullRequest, run => run == "dotnet test");
        Assert.Contains(pullRequest, run => run.Contains("gitops -- diff --base \"origin/${{ github.base_ref }}\" --head HEAD --format markdown > gitops-diff.md", StringComparison.Ordinal));
        Assert.Contains(pullRequest, run => run.Contains("gh pr comment", StringComparison.Ordinal) && run.Contains("--body-file gitops-diff.md", StringComparison.Ordinal));

        var render = Runs(jobs["render"]);
        Assert.Equal(["dotnet tool restore", "dotnet test"], render.Take(2));
        Assert.Contains(render, run => run.Contains("gitops -- render", StringComparison.Ordinal) && run.Contains("git push origin rendered", StringComparison.Ordinal));
        Assert.EndsWith("gitops -- check", render[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void GitLab_pipeline_does_the_same_for_merge_requests_and_the_default_branch()
    {
        var pipeline = Load(".gitlab-ci.yml");

        var diff = Scripts(pipeline["diff"]);
        Assert.Contains(diff, line => line.Contains("gitops -- diff --base \"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\" --head HEAD --format markdown", StringComparison.Ordinal));
        Assert.Contains(diff, line => line.Contains("/merge_requests/$CI_MERGE_REQUEST_IID/notes", StringComparison.Ordinal));
        Assert.Equal(["dotnet test"], Scripts(pipeline["tests"]));
        var render = Scripts(pipeline["render"]);
        Assert.Contains(render, line => line == "dotnet tool run gitops -- render");
        Assert.Equal("dotnet tool run gitops -- check", render[^1]);
    }

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Template, path));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<string> Runs(YamlNode job) =>
        ((YamlSequenceNode)((YamlMappingNode)job)["steps"]).Children.OfType<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => ((YamlScalarNode)step["run"]).Value!.Trim())
            .ToList();

    private static List<string> Scripts(YamlNode job) =>
        ((YamlSequenceNode)((YamlMappingNode)job)["script"]).Children.Select(line => ((YamlScalarNode)line).Value!.Trim()).ToList();

    private static string FindCheckout()
    {
        for (var folder = AppContext.BaseDirectory; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (File.Exists(Path.Combine(folder, "GitOpsDsl.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException("no GitOpsDsl.sln above the test assembly");
    }
}

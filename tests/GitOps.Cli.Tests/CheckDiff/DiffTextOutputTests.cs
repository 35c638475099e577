using GitOps.Rendering.Git;
using GitOps.Rendering.Diff;

namespace GitOps.Cli.Tests.CheckDiff;

public sealed class DiffTextOutputTests
{
    private static DiffReport Report()
    {
        var before = new[] { new RenderedFile("dev/shop/deployment_web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n") };
        var after = new[] { new RenderedFile("dev/shop/deployment_web.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n") };
        return RenderDiff.Compare(before, after, "base", "head");
    }

    [Fact]
    public void Colour_marks_removed_lines_red_and_added_lines_green_on_a_terminal()
    {
        using var writer = new StringWriter();

        DiffTextWriter.Write(ConsoleOutput.Create(writer, colour: true), Report());

        var lines = writer.ToString().Split('\n');
        Assert.Contains(lines, line => line.StartsWith("\u001b[91m", StringComparison.Ordinal) && line.Contains("-  replicas: 1", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("\u001b[32m", StringComparison.Ordinal) && line.Contains("+  replicas: 2", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_terminal_the_text_is_plain_and_lines_are_never_wrapped()
    {
        using var writer = new StringWriter();

        DiffTextWriter.Write(ConsoleOutput.Create(writer, colour: false), Report());

        var text = writer.ToString();
        Assert.DoesNotContain("\u001b[", text);
        Assert.Equal("gitops diff: base → head\n\ndev: 0 added, 0 removed, 1 changed\n  shop\n    ~ Deployment/web (changed)\n        spec.replicas: 1 → 2\n", text[..text.IndexOf("        ---", StringComparison.Ordinal)]);
    }
}

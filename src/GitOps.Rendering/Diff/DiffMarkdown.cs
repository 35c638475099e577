using System.Text;

namespace GitOps.Rendering.Diff;

/// <summary>
/// The report as a pull-request comment: a heading, a summary table per environment and app, then one collapsible
/// <c>&lt;details&gt;</c> section per app with each object's changed fields and its unified diff. Long diffs are cut
/// with a count of the lines left out, and the whole comment stays under the size GitHub accepts.
/// </summary>
public static class DiffMarkdown
{
    /// <summary>Diff lines shown per object before cutting.</summary>
    public const int MaxDiffLines = 60;

    /// <summary>Characters after which further sections are left out (GitHub rejects comments over 65536).</summary>
    public const int MaxLength = 60_000;

    /// <summary>Writes <paramref name="report"/> as GitHub-flavoured markdown.</summary>
    public static string Write(DiffReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("### gitops diff: `").Append(report.Base).Append("` → `").Append(report.Head).Append("`\n\n");
        if (!report.HasDifferences)
        {
            text.Append("No differences in the rendered objects.\n");
            return text.ToString();
        }

        text.Append("| Environment | App | Added | Removed | Changed |\n|---|---|---:|---:|---:|\n");
        foreach (var environment in report.Environments.Where(e => e.HasDifferences))
        {
            var label = EnvironmentLabel(environment);
            if (environment.Objects.Count == 0)
            {
                text.Append("| ").Append(label).Append(" | | 0 | 0 | 0 |\n");
            }

            foreach (var app in environment.Apps)
            {
                var objects = environment.Objects.Where(o => o.App == app).ToList();
                text.Append("| ").Append(label).Append(" | ").Append(Cell(app)).Append(" | ")
                    .Append(objects.Count(o => o.Change == ChangeKind.Added)).Append(" | ")
                    .Append(objects.Count(o => o.Change == ChangeKind.Removed)).Append(" | ")
                    .Append(objects.Count(o => o.Change == ChangeKind.Changed)).Append(" |\n");
            }
        }

        var sections = report.Environments.SelectMany(e => e.Apps.Select(app => (Environment: e, App: app))).ToList();
        for (var index = 0; index < sections.Count; index++)
        {
            var section = AppSection(sections[index].Environment, sections[index].App);
            if (text.Length + section.Length > MaxLength)
            {
                text.Append("\n_").Append(sections.Count - index).Append(" more app section(s) left out to keep this comment under GitHub's size limit; run `gitops diff` locally for all of it._\n");
                break;
            }

            text.Append(section);
        }

        return text.ToString();
    }

    private static string EnvironmentLabel(EnvironmentDiff environment)
    {
        var name = environment.Name == environment.BaseName ? environment.Name : $"{environment.BaseName} → {environment.Name}";
        return environment.Presence switch
        {
            ChangeKind.Added => $"{Cell(name)} (new)",
            ChangeKind.Removed => $"{Cell(name)} (removed)",
            _ => Cell(name),
        };
    }

    private static string AppSection(EnvironmentDiff environment, string app)
    {
        var objects = environment.Objects.Where(o => o.App == app).ToList();
        var counts = string.Join(", ", new[] { ChangeKind.Added, ChangeKind.Removed, ChangeKind.Changed }
            .Select(kind => (Kind: kind, Count: objects.Count(o => o.Change == kind)))
            .Where(pair => pair.Count > 0)
            .Select(pair => $"{pair.Count} {pair.Kind.ToString().ToLowerInvariant()}"));
        var text = new StringBuilder();
        text.Append("\n<details><summary><b>").Append(Html(environment.Name)).Append(" / ").Append(Html(app)).Append("</b>: ")
            .Append(counts).Append("</summary>\n\n");
        foreach (var diff in objects)
        {
            text.Append("**").Append(Html(diff.DisplayName)).Append("** (").Append(diff.Change.ToString().ToLowerInvariant()).Append(")\n\n");
            if (diff.Fields.Count > 0)
            {
                text.Append("| Field | Before | After |\n|---|---|---|\n");
                foreach (var field in diff.Fields)
                {
                    text.Append("| ").Append(Code(field.Path)).Append(" | ")
                        .Append(field.Kind == ChangeKind.Added ? "_(none)_" : Code(FieldChange.Display(field.OldValue))).Append(" | ")
                        .Append(field.Kind == ChangeKind.Removed ? "_(none)_" : Code(FieldChange.Display(field.NewValue))).Append(" |\n");
                }

                text.Append('\n');
            }

            text.Append("```diff\n").Append(Truncate(diff.Diff)).Append("```\n\n");
        }

        text.Append("</details>\n");
        return text.ToString();
    }

    private static string Truncate(string diff)
    {
        var lines = diff.Split('\n', StringSplitOptions.None);
        var count = diff.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        if (count <= MaxDiffLines)
        {
            return diff;
        }

        return string.Join('\n', lines.Take(MaxDiffLines)) + $"\n… {count - MaxDiffLines} more line(s) not shown\n";
    }

    private static string Code(string value)
    {
        var escaped = value.Replace("|", "\\|", StringComparison.Ordinal);
        return escaped.Contains('`', StringComparison.Ordinal) ? $"`` {escaped} ``" : $"`{escaped}`";
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    private static string Html(string value) => System.Net.WebUtility.HtmlEncode(value);
}

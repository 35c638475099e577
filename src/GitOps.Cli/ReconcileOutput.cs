using System.Globalization;
using System.Text.Json.Nodes;
using GitOps.Reconciler;
using Spectre.Console;

namespace GitOps.Cli;

/// <summary>Shows a reconcile result: a summary table for people, or a stable JSON document for scripts.</summary>
internal static class ReconcileOutput
{
    public static void WriteTable(IAnsiConsole console, ReconcileResult result)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Object", result.DryRun ? "Would be" : "Action", "Health", "Details");
        foreach (var o in result.Objects)
        {
            table.AddRow(
                Markup.Escape(o.Ref.ToString()),
                ActionMarkup(o.Action),
                HealthMarkup(o.Health),
                Markup.Escape(Details(o)));
        }

        if (result.Objects.Count > 0)
        {
            console.Write(table);
        }

        var commit = result.Commit is null ? "no commit" : $"commit {result.Commit[..12]}";
        var counts = string.Create(
            CultureInfo.InvariantCulture,
            $"{result.Count(ObjectAction.Created)} created, {result.Count(ObjectAction.Configured)} configured, {result.Count(ObjectAction.Unchanged)} unchanged, {result.Count(ObjectAction.Pruned)} pruned");
        var verdict = result switch
        {
            { Succeeded: false } => "[red]failed[/]",
            { DryRun: true } => "[yellow]dry run: nothing was written[/]",
            _ => "[green]applied and healthy[/]",
        };
        console.MarkupLine($"{Markup.Escape(commit)}: {Markup.Escape(counts)} ({result.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)}s) - {verdict}");
        foreach (var error in result.Errors)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
        }

        foreach (var warning in result.Warnings)
        {
            console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }

    public static JsonObject ToJson(ReconcileResult result) => new()
    {
        ["succeeded"] = result.Succeeded,
        ["dryRun"] = result.DryRun,
        ["commit"] = result.Commit,
        ["inventory"] = result.Inventory,
        ["durationSeconds"] = Math.Round(result.Duration.TotalSeconds, 3),
        ["fetchSeconds"] = Math.Round(result.FetchDuration.TotalSeconds, 3),
        ["summary"] = new JsonObject(Enum.GetValues<ObjectAction>().Select(a => KeyValuePair.Create(Camel(a.ToString()), (JsonNode?)result.Count(a)))),
        ["objects"] = new JsonArray(result.Objects.Select(o => (JsonNode)new JsonObject
        {
            ["group"] = o.Ref.Group,
            ["kind"] = o.Ref.Kind,
            ["namespace"] = o.Ref.Namespace,
            ["name"] = o.Ref.Name,
            ["action"] = Camel(o.Action.ToString()),
            ["health"] = Camel(o.Health.ToString()),
            ["message"] = o.Message,
            ["changedFields"] = new JsonArray(o.ChangedFields.Select(f => (JsonNode)f).ToArray()),
        }).ToArray()),
        ["errors"] = new JsonArray(result.Errors.Select(e => (JsonNode)e).ToArray()),
        ["warnings"] = new JsonArray(result.Warnings.Select(w => (JsonNode)w).ToArray()),
    };

    private static string Details(ObjectResult o) =>
        string.Join("; ", new[] { o.Message, o.ChangedFields.Count > 0 ? "changes " + string.Join(", ", o.ChangedFields) : null }.OfType<string>());

    private static string ActionMarkup(ObjectAction action) => action switch
    {
        ObjectAction.Created => "[green]created[/]",
        ObjectAction.Configured => "[yellow]configured[/]",
        ObjectAction.Unchanged => "[grey]unchanged[/]",
        ObjectAction.Pruned => "[red]pruned[/]",
        ObjectAction.PruneSkipped => "[grey]kept (not pruned)[/]",
        _ => "[red]not applied[/]",
    };

    private static string HealthMarkup(HealthState health) => health switch
    {
        HealthState.Current => "[green]healthy[/]",
        HealthState.InProgress => "[yellow]in progress[/]",
        HealthState.Failed => "[red]failed[/]",
        _ => "[grey]-[/]",
    };

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

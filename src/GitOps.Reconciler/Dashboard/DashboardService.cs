using System.Text.Json.Nodes;
using GitOps.Reconciler.Agent;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Status;

namespace GitOps.Reconciler.Dashboard;

/// <summary>
/// What the dashboard shows, read on demand from the cluster (status ConfigMaps, inventories, live objects, dry-run
/// applies) and from the repository (desired objects, commits, diffs). The agent's dashboard and `gitops ui` share
/// it: the agent only looks at its own inventory, `gitops ui` at every agent's in the namespace.
/// </summary>
internal sealed partial class DashboardService(
    KubeApi api, string ns, string? onlyInventory, RenderedRepoView? repository, DashboardOptions options, Action<string>? requestSync)
{
    private const string StatusLabel = "app.kubernetes.io/managed-by=gitops-agent";

    public DashboardInfo Info => new(onlyInventory is null ? "ui" : "agent", options.ActionsEnabled, repository is not null);

    public async Task<IReadOnlyList<EnvironmentView>> EnvironmentsAsync(CancellationToken cancellationToken)
    {
        var statuses = await StatusesAsync(cancellationToken);
        var views = await Task.WhenAll(statuses.Select(s => EnvironmentAsync(s.Inventory, s.Data, cancellationToken)));
        return views;
    }

    public async Task<EnvironmentView?> EnvironmentAsync(string inventory, CancellationToken cancellationToken)
    {
        var statuses = await StatusesAsync(cancellationToken);
        return statuses.FirstOrDefault(s => s.Inventory == inventory) is { Inventory: not null } found
            ? await EnvironmentAsync(found.Inventory, found.Data, cancellationToken)
            : null;
    }

    /// <summary>The status ConfigMaps this dashboard shows, by inventory name.</summary>
    private async Task<List<(string Inventory, IReadOnlyDictionary<string, string> Data)>> StatusesAsync(CancellationToken cancellationToken)
    {
        if (onlyInventory is not null)
        {
            var data = await new ClusterStatusStore(api, ns, onlyInventory).ReadAsync(cancellationToken);
            return [(onlyInventory, data ?? new Dictionary<string, string>())];
        }

        var list = await api.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(ns)}/configmaps?labelSelector={Uri.EscapeDataString(StatusLabel)}", cancellationToken);
        return (list?["items"]?.AsArray() ?? []).OfType<JsonObject>()
            .Select(c => (Name: c["metadata"]?["name"]?.GetValue<string>() ?? "", Data: c["data"] as JsonObject))
            .Where(c => c.Name.EndsWith("-status", StringComparison.Ordinal))
            .Select(c => (c.Name[..^"-status".Length], (IReadOnlyDictionary<string, string>)(c.Data ?? [])
                .Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal)))
            .OrderBy(c => c.Item1, StringComparer.Ordinal)
            .ToList();
    }

    private async Task<EnvironmentView> EnvironmentAsync(string inventory, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        string? Get(string key) => data.GetValueOrDefault(key) is { Length: > 0 } value ? value : null;
        var path = Get(StatusKeys.Path) ?? ".";
        var tree = await TreeAsync(inventory, path, cancellationToken);
        var suspended = tree.Suspended;
        var lastResult = Get(StatusKeys.LastResult) ?? "pending";
        var objects = tree.Apps.SelectMany(a => a.Objects).ToList();
        var applied = Get(StatusKeys.LastAppliedCommit) ?? tree.AppliedCommit;
        var (rendered, source) = applied is null || repository is null
            ? (applied is null ? null : new CommitView(applied, null, null, null), null)
            : await repository.ReadAsync(applied, r => (RenderedRepoView.View(r, applied), RenderedRepoView.SourceOf(r, applied)), cancellationToken);
        var syncState = suspended ? "suspended"
            : lastResult == "applying" ? "applying"
            : lastResult is "failed" or "refused" or "fetch-failed" ? "failed"
            : lastResult is "pending" or "drifted" or "outside-window" || objects.Any(o => o.Sync is not ("in sync" or "unknown")) ? "out of sync"
            : "in sync";
        return new EnvironmentView(
            inventory,
            Get(StatusKeys.Cluster) ?? "default",
            path,
            syncState,
            lastResult,
            Get(StatusKeys.Health) ?? "unknown",
            Get(StatusKeys.Healthy) == "true",
            rendered,
            source,
            Get(StatusKeys.LastAttemptedCommit),
            Time(Get(StatusKeys.LastRunTime)),
            Time(Get(StatusKeys.LastAppliedTime)),
            Get(StatusKeys.LastTrigger),
            Get(StatusKeys.LastError),
            suspended,
            Get(StatusKeys.Stale) == "true",
            long.TryParse(Get(StatusKeys.DriftCorrections), System.Globalization.CultureInfo.InvariantCulture, out var corrections) ? corrections : 0,
            Count(objects.Select(o => o.Health)),
            Count(objects.Select(o => o.Sync)));
    }

    public async Task<IReadOnlyList<DriftRecord>> DriftAsync(string inventory, CancellationToken cancellationToken)
    {
        var data = await new ClusterStatusStore(api, ns, inventory).ReadAsync(cancellationToken);
        return [.. ClusterStatusStore.Records(data).DriftLog.Reverse()];
    }

    private static Dictionary<string, int> Count(IEnumerable<string> states) =>
        states.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count());

    private static DateTimeOffset? Time(string? text) =>
        DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}

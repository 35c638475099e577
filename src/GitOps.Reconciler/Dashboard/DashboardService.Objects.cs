using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Drift;
using GitOps.Reconciler.Engine;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Source;
using GitOps.Reconciler.Status;
using LibGit2Sharp;

namespace GitOps.Reconciler.Dashboard;

internal sealed partial class DashboardService
{
    // Many open pages poll at once; they share one look at the cluster per environment for this long.
    private static readonly TimeSpan TreeLifetime = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Lazy<Task<(DateTimeOffset At, ObjectTree Tree)>>> trees = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ObjectRef, (string ResourceVersion, string Commit, IReadOnlyList<FieldDrift> Diff)> diffs = new();
    private readonly ConcurrentDictionary<(string Commit, string Path), (ApiResources Resources, Dictionary<ObjectRef, (DesiredObject Object, string App)> Objects)> desiredSets = new();
    private Discovery? discovery;

    /// <summary>The objects of one environment grouped by app, with the data needed to show one of them.</summary>
    private sealed record ObjectTree(IReadOnlyList<AppView> Apps, bool Suspended, string? AppliedCommit, IReadOnlyDictionary<ObjectRef, TrackedObject> Objects);

    private sealed record Discovery(DateTimeOffset At, ApiResources Resources);

    private sealed record TrackedObject(ObjectView View, DesiredObject? Desired, JsonObject? Live, IReadOnlyList<FieldDrift> Diff);

    public async Task<IReadOnlyList<AppView>?> AppsAsync(string inventory, CancellationToken cancellationToken) =>
        await EnvironmentPathAsync(inventory, cancellationToken) is { } path ? (await TreeAsync(inventory, path, cancellationToken)).Apps : null;

    public async Task<ObjectDetail?> ObjectAsync(string inventory, ObjectRef reference, CancellationToken cancellationToken)
    {
        if (await EnvironmentPathAsync(inventory, cancellationToken) is not { } path
            || !(await TreeAsync(inventory, path, cancellationToken)).Objects.TryGetValue(reference, out var tracked))
        {
            return null;
        }

        var live = tracked.Live is null ? null : SecretMask.Mask(tracked.Live);
        live?["metadata"]?.AsObject().Remove("managedFields");
        var note = tracked.Desired is null
            ? repository is null ? "desired state unknown: start `gitops ui` with --repo to compare with git" : "not in the rendered commit: the next reconcile prunes it"
            : tracked.Live is null ? "missing from the cluster" : null;
        return new ObjectDetail(
            tracked.View,
            tracked.Desired is null ? null : YamlText.From(SecretMask.Mask(tracked.Desired.Body)),
            live is null ? null : YamlText.From(live),
            tracked.Diff,
            note);
    }

    private async Task<string?> EnvironmentPathAsync(string inventory, CancellationToken cancellationToken)
    {
        if (onlyInventory is not null && inventory != onlyInventory)
        {
            return null;
        }

        var data = await new ClusterStatusStore(api, ns, inventory).ReadAsync(cancellationToken);
        return data is null ? null : data.GetValueOrDefault(StatusKeys.Path) ?? ".";
    }

    private async Task<ObjectTree> TreeAsync(string inventory, string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            var entry = trees.GetOrAdd(inventory, _ => new Lazy<Task<(DateTimeOffset, ObjectTree)>>(async () => (DateTimeOffset.UtcNow, await ReadTreeAsync(inventory, path, CancellationToken.None))));
            try
            {
                var (at, tree) = await entry.Value.WaitAsync(cancellationToken);
                if (DateTimeOffset.UtcNow - at < TreeLifetime)
                {
                    return tree;
                }
            }
            catch (Exception e) when (e is KubeApiException or ReconcileException or LibGit2SharpException)
            {
                trees.TryRemove(new(inventory, entry));
                throw;
            }

            trees.TryRemove(new(inventory, entry));
        }
    }

    private async Task<ObjectTree> ReadTreeAsync(string inventory, string path, CancellationToken cancellationToken)
    {
        var store = new InventoryStore(api, ns, inventory);
        var state = await store.ReadAsync(cancellationToken);
        var suspended = await new ClusterStatusStore(api, ns, inventory).IsSuspendedAsync(cancellationToken);
        var resources = await ResourcesAsync(cancellationToken);

        // Compared with the commit the agent works towards: after a failed apply that is the attempted one.
        var commit = state.AttemptedCommit ?? state.AppliedCommit;
        var desired = await DesiredAsync(commit, path, resources, store.Id, cancellationToken);

        // One LIST per resource for the desired objects; a GET each only for members about to be pruned.
        var live = await LiveObjects.ReadAsync(api, desired.Values.Select(d => d.Object), 8, cancellationToken);
        var members = state.Members.ToDictionary(m => m.Ref);
        var refs = state.Members.Select(m => m.Ref).Union(desired.Keys).ToList();
        var tracked = new ConcurrentDictionary<ObjectRef, (string App, TrackedObject Object)>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(refs, parallel, async (reference, ct) =>
        {
            JsonObject? current;
            IReadOnlyList<FieldDrift> diff = [];
            (DesiredObject Object, string App)? want = desired.TryGetValue(reference, out var found) ? found : null;
            if (want is { } wanted)
            {
                current = live.GetValueOrDefault(wanted.Object);
                diff = current is null ? [] : await DiffAsync(wanted.Object, current, commit!, ct);
            }
            else
            {
                var m = members[reference];
                var resource = resources.Find(m.Group, m.Version, m.Kind) ?? resources.FindAnyVersion(m.Group, m.Kind);
                current = resource is null ? null : await api.GetAsync(resource.ObjectPath(reference.Namespace, reference.Name), ct);
            }

            var app = want?.App ?? ObjectViews.AppOf(current) ?? "(no app)";
            tracked[reference] = (app, new TrackedObject(ObjectViews.View(reference, want is not null, desired.Count > 0, current, diff), want?.Object, current, diff));
        });

        var apps = tracked.Values.GroupBy(t => t.App)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AppView(g.Key, [.. g.Select(t => t.Object.View).OrderBy(v => v.Kind, StringComparer.Ordinal).ThenBy(v => v.Namespace, StringComparer.Ordinal).ThenBy(v => v.Name, StringComparer.Ordinal)]))
            .ToList();
        return new ObjectTree(apps, suspended, state.AppliedCommit, tracked.ToDictionary(p => p.Key, p => p.Value.Object));
    }

    /// <summary>The desired objects of the applied commit, each with its app (the folder under the environment's path).</summary>
    private async Task<Dictionary<ObjectRef, (DesiredObject Object, string App)>> DesiredAsync(
        string? commit, string path, ApiResources resources, string applySetId, CancellationToken cancellationToken)
    {
        if (commit is null || repository is null)
        {
            return [];
        }

        if (desiredSets.TryGetValue((commit, path), out var cached) && cached.Resources == resources)
        {
            return cached.Objects;
        }

        var files = await repository.ReadAsync(commit, r => r.Lookup<LibGit2Sharp.Commit>(commit) is { } c ? GitSource.ReadYaml(c, path, "the repository") : [], cancellationToken);
        var (manifests, _) = ManifestLoader.Load(files);
        var errors = new List<string>();
        var desired = DesiredSetBuilder.Build(manifests, resources, applySetId, errors);
        var root = path.Trim('/') is "" or "." ? "" : path.Trim('/') + "/";
        var objects = desired.DistinctBy(o => o.Ref).ToDictionary(o => o.Ref, o => (o, ObjectViews.AppOf(o.File, root)));

        // Kept for the latest commit of each path only: a page looks at what the agent applies now.
        foreach (var old in desiredSets.Keys.Where(k => k.Path == path))
        {
            desiredSets.TryRemove(old, out _);
        }

        desiredSets[(commit, path)] = (resources, objects);
        return objects;
    }

    /// <summary>
    /// The fields where live differs from a server-side dry run of our apply. A dry run is made only when the live
    /// object or the desired commit changed since the last one, so an open page costs LISTs, not a PATCH per object.
    /// </summary>
    private async Task<IReadOnlyList<FieldDrift>> DiffAsync(DesiredObject desired, JsonObject live, string commit, CancellationToken cancellationToken)
    {
        var version = live["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "";
        if (diffs.TryGetValue(desired.Ref, out var known) && known.ResourceVersion == version && known.Commit == commit)
        {
            return known.Diff;
        }

        IReadOnlyList<FieldDrift> diff;
        try
        {
            var preview = await api.ApplyAsync(desired.Path, desired.Json, dryRun: true, cancellationToken);
            diff = SecretMask.Mask(new ObjectDrift(desired.Ref, DriftDiff.Compare(live, preview))).Fields;
        }
        catch (KubeApiException e)
        {
            // The server refuses the dry run (a field it rejects): out of sync, with the reason as the only "field".
            return [new FieldDrift("(dry run refused)", null, e.Message, null, null)];
        }

        diffs[desired.Ref] = (version, commit, diff);
        return diff;
    }

    /// <summary>Discovery, refreshed every 30 s (new CRDs appear within that).</summary>
    private async Task<ApiResources> ResourcesAsync(CancellationToken cancellationToken)
    {
        if (discovery is { } cached && DateTimeOffset.UtcNow - cached.At < TimeSpan.FromSeconds(30))
        {
            return cached.Resources;
        }

        var resources = await ApiResources.DiscoverAsync(api, cancellationToken);
        discovery = new Discovery(DateTimeOffset.UtcNow, resources);
        return resources;
    }
}

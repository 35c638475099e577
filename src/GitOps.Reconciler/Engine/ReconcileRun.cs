using System.Globalization;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Diagnostics;
using GitOps.Reconciler.Inventory;
using GitOps.Reconciler.Manifests;
using GitOps.Reconciler.Planning;
using GitOps.Reconciler.Source;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// One run's state and its phases. Crash safety rests on the inventory order: it grows to previous ∪ desired before
/// anything is applied and shrinks to desired only after prune succeeded, so a run killed at any point leaves every
/// object it may have created recorded, and the next run prunes exactly what is no longer desired.
/// </summary>
internal sealed partial class ReconcileRun(ReconcileOptions options, KubeApi api, SourceSnapshot snapshot, Task<ApiResources>? discovery = null, DiscoveryCache? discoveryCache = null, LivePrefetch? prefetch = null, VerifiedObjects? verified = null)
{
    private readonly List<string> errors = [];
    private IReadOnlyList<DesiredObject> desired = [];
    private ApplyPlan plan = new([]);
    private Dictionary<DesiredObject, PlannedChange> changes = [];
    private List<PruneCandidate> pruneCandidates = [];
    private InventoryStore? store;
    private readonly HealthWaiter health = new(api, options.Concurrency, options.HealthPollInterval);

    /// <summary>
    /// Asked with the inventory as read, before anything is written: a reason to refuse the commit (one-shot runs check
    /// that it descends from the applied commit), or null. A refusal ends the run with <see cref="CommitRefusedException"/>.
    /// </summary>
    public Func<InventoryState, string?>? Admission { get; init; }

    /// <summary>
    /// Told, with the number of desired objects, once the run holds only its desired set and no longer the node trees it
    /// was parsed into: an agent collects that garbage here (see <see cref="Agent.CycleMemory"/>) rather than carrying it
    /// through the live-object reads.
    /// </summary>
    public Action<int>? ParsedManifestsReleased { get; init; }

    public async Task<ReconcileResult> ExecuteAsync(CancellationToken cancellationToken)
    {
        store = new InventoryStore(api, options.InventoryNamespace, options.EffectiveInventoryName);
        var resources = await BuildDesiredSetAsync(store.Id, cancellationToken);
        plan = PlanBuilder.Build(desired, errors);
        PhaseTimer.Mark("planned");
        var missingNamespaces = await NamespaceCheck.FindMissingAsync(api, desired, cancellationToken);
        PhaseTimer.Mark("namespaces checked");
        // The first request after the set was built has returned: nothing references the parsed manifests any more.
        ParsedManifestsReleased?.Invoke(desired.Count);
        if (!options.CreateNamespaces)
        {
            errors.AddRange(missingNamespaces.Select(m =>
                $"{m.Object.Location}: {m.Object.Ref}: namespace '{m.Namespace}' does not exist and no Namespace in the set defines it (add one, or pass --create-namespace)"));
        }

        if (errors.Count > 0)
        {
            return Result(succeeded: false);
        }

        var previous = prefetch is null ? await store.ReadAsync(cancellationToken) : await prefetch.ReadInventoryAsync(store, cancellationToken);
        PhaseTimer.Mark("inventory read");
        if (Admission?.Invoke(previous) is { } admissionRefusal)
        {
            throw new CommitRefusedException(admissionRefusal);
        }

        if (resources.FromCache && discoveryCache is not null
            && previous.Members.Any(m => resources.Find(m.Group, m.Version, m.Kind) is null && resources.FindAnyVersion(m.Group, m.Kind) is null))
        {
            // An applied kind the cached discovery does not know (its CRD came with an earlier commit): without a refresh,
            // prune would take its objects for gone with their kind.
            resources = await discoveryCache.RefreshAsync(api, cancellationToken);
            DesiredSetBuilder.AddKindsDefinedBySet(desired, resources);
            PhaseTimer.Mark("discovery refreshed");
        }

        var desiredRefs = desired.Select(o => o.Ref).ToHashSet();
        pruneCandidates = previous.Members.Where(m => !desiredRefs.Contains(m.Ref)).Select(m => new PruneCandidate(m)).ToList();
        if (options.Prune && GuardPrune(previous) is { } refusal)
        {
            return Result(succeeded: false, refusal);
        }

        changes = await ChangeDetector.DetectAsync(api, desired, resources, options.Concurrency, errors, cancellationToken, prefetch, verified);
        PhaseTimer.Mark("changes detected");
        if (errors.Count > 0)
        {
            return Result(succeeded: false);
        }

        var pruner = new Pruner(api, resources, store.Id, options.Concurrency, options.HealthPollInterval, Checkpoint);
        if (options.DryRun)
        {
            if (options.Prune)
            {
                await pruner.InspectAsync(pruneCandidates, cancellationToken);
            }

            return Result(succeeded: true);
        }

        return await ApplyAndPruneAsync(previous, pruner, cancellationToken);
    }

    private async Task<ReconcileResult> ApplyAndPruneAsync(InventoryState previous, Pruner pruner, CancellationToken cancellationToken)
    {
        if (options.CreateNamespaces)
        {
            await NamespaceCheck.CreateAsync(api, desired, cancellationToken);
        }

        var desiredMembers = desired.Select(o => new InventoryMember(o.Resource.Group, o.Resource.Version, o.Ref.Kind, o.Ref.Namespace, o.Ref.Name)).ToList();
        await store!.WriteAsync(previous.Members.Concat(desiredMembers), previous.AppliedCommit, snapshot.CommitSha, cancellationToken);
        Checkpoint("inventory grown");

        var deadline = DateTimeOffset.UtcNow + options.Timeout;
        if (await ApplyBatchesAsync(deadline, cancellationToken) is { } failed)
        {
            return failed;
        }

        if (!options.Prune)
        {
            pruneCandidates.ForEach(c => (c.Action, c.Message) = (ObjectAction.PruneSkipped, "--no-prune"));
            await store.WriteAsync(previous.Members.Concat(desiredMembers), snapshot.CommitSha, snapshot.CommitSha, cancellationToken);
            RecordVerified();
            return Result(succeeded: true);
        }

        var pruneErrors = await pruner.PruneAsync(pruneCandidates, deadline, cancellationToken);
        if (pruneErrors.Count > 0)
        {
            return Result(succeeded: false, ["prune did not complete; the inventory keeps the remaining objects for the next run", .. pruneErrors]);
        }

        Checkpoint("pruned");
        await store.WriteAsync(desiredMembers, snapshot.CommitSha, snapshot.CommitSha, cancellationToken);
        Checkpoint("inventory shrunk");
        RecordVerified();
        return Result(succeeded: true);
    }

    /// <summary>After a successful run every desired object is as desired: remember each one's uid and resourceVersion.</summary>
    private void RecordVerified()
    {
        if (verified is null)
        {
            return;
        }

        foreach (var o in plan.Objects)
        {
            if (known.TryGetValue(o, out var state))
            {
                verified.Record(o, state);
            }
            else
            {
                verified.Forget(o.Ref);
            }
        }

        verified.RetainOnly(desired.Select(o => o.Ref).ToHashSet());
    }

    /// <summary>
    /// Parses the commit's manifests while discovery runs, and builds the desired set from them. In a method of its own
    /// so that nothing of the run holds the parsed node trees once the set (compact JSON documents) is built.
    /// </summary>
    private async Task<ApiResources> BuildDesiredSetAsync(string applySetId, CancellationToken cancellationToken)
    {
        // Parsing is CPU work and discovery mostly waits on the server: overlap them.
        var loading = Task.Run(() =>
        {
            var loaded = LoadManifests();
            PhaseTimer.Mark("manifests parsed");
            return loaded;
        }, cancellationToken);
        // Discovery may already be under way (started while the branch was fetched).
        var resources = await (discovery ?? ApiResources.DiscoverAsync(api, cancellationToken));
        var (manifests, loadErrors) = await loading;
        errors.AddRange(loadErrors);
        if (resources.FromCache && discoveryCache is not null && resources.MissesAnyOf(manifests))
        {
            // Cached discovery that does not know a kind the commit uses: a CRD may have been installed since.
            resources = await discoveryCache.RefreshAsync(api, cancellationToken);
            PhaseTimer.Mark("discovery refreshed");
        }

        desired = DesiredSetBuilder.Build(manifests, resources, applySetId, errors);
        PhaseTimer.Mark("desired set built");
        return resources;
    }

    /// <summary>The commit's objects: from the parsed cache when this commit and path were parsed cleanly before.</summary>
    private (IReadOnlyList<ManifestObject> Objects, IReadOnlyList<string> Errors) LoadManifests()
    {
        var cache = new ParsedManifestCache(GitSource.RepositoryDirectory(options.RepositoryUrl, options.CacheDirectory) + ".parsed", snapshot.CommitSha, options.Path);
        if (cache.TryLoad() is { } cached)
        {
            return (cached, []);
        }

        var (objects, loadErrors) = ManifestLoader.Load(snapshot.Files);
        if (loadErrors.Count == 0)
        {
            cache.Save(objects);
        }

        return (objects, loadErrors);
    }

    private string? GuardPrune(InventoryState previous)
    {
        var count = pruneCandidates.Count;
        if (count == 0)
        {
            return null;
        }

        if (desired.Count == 0)
        {
            return options.AllowEmpty ? null
                : $"the desired set at '{options.Path}' is empty: refusing to prune all {count} objects of the inventory without --allow-empty";
        }

        var share = (double)count / previous.Members.Count;
        return share > options.MassPruneThreshold && !options.AllowMassPrune
            ? string.Create(CultureInfo.InvariantCulture, $"refusing to prune {count} of {previous.Members.Count} inventory objects ({share * 100:0}%, above the {options.MassPruneThreshold * 100:0.#}% threshold) without --allow-mass-prune")
            : null;
    }

    private void Checkpoint(string point)
    {
        if (!point.StartsWith("applied ", StringComparison.Ordinal))
        {
            PhaseTimer.Mark(point);
        }

        options.Checkpoint?.Invoke(point);
    }
}

using System.Net;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Inventory;

/// <summary>
/// Reads and writes the ApplySet parent: a ConfigMap in the reconciler's namespace, labelled with the ApplySet ID and
/// annotated with the tooling and member group-kinds, whose data lists every member and the applied commit.
/// </summary>
internal sealed class InventoryStore(KubeApi api, string ns, string name)
{
    private const string MembersKey = "members";

    // The parent as last read or written: a write that would store exactly this again is skipped, so a no-op run
    // costs no inventory writes (the stored state is already what crash safety needs).
    private JsonObject? stored;
    private static readonly ResourceInfo ConfigMaps = new("", "v1", "ConfigMap", "configmaps", Namespaced: true);

    public string Id { get; } = ApplySetId.Compute(name, ns, "ConfigMap", "");

    public string Description => $"ConfigMap {ns}/{name}";

    /// <summary>Where the parent lives; a run may GET it early (see <see cref="Engine.LivePrefetch"/>) and <see cref="Adopt"/> it.</summary>
    public string Path => ConfigMaps.ObjectPath(ns, name);

    public async Task<InventoryState> ReadAsync(CancellationToken cancellationToken) =>
        Adopt(await api.GetAsync(Path, cancellationToken));

    /// <summary>Takes <paramref name="live"/> (the parent as just read from <see cref="Path"/>, or null) as the stored state.</summary>
    public InventoryState Adopt(JsonObject? live)
    {
        stored = live;
        if (live is null)
        {
            return InventoryState.Empty;
        }

        var labelledId = live["metadata"]?["labels"]?[Annotations.ApplySetId]?.GetValue<string>();
        if (labelledId != Id)
        {
            throw new ReconcileException($"{Description} exists but is not this reconciler's ApplySet parent (label {Annotations.ApplySetId} is '{labelledId}', expected '{Id}')");
        }

        var members = MemberList.Read(live["data"]?[MembersKey]).Select(InventoryMember.Parse).ToList();
        var annotations = live["metadata"]?["annotations"];
        return new InventoryState(members, annotations?[Annotations.AppliedCommit]?.GetValue<string>(), annotations?[Annotations.AttemptedCommit]?.GetValue<string>());
    }

    public async Task WriteAsync(IEnumerable<InventoryMember> members, string? appliedCommit, string attemptedCommit, CancellationToken cancellationToken)
    {
        var sorted = members.DistinctBy(m => m.Ref).OrderBy(m => m.Serialize(), StringComparer.Ordinal).ToList();
        var annotations = new JsonObject
        {
            [Annotations.ApplySetTooling] = $"gitops/{typeof(InventoryStore).Assembly.GetName().Version?.ToString(3) ?? "0"}",
            [Annotations.ApplySetGroupKinds] = string.Join(',', sorted.Select(m => m.Ref.GroupKind).Distinct().Order(StringComparer.Ordinal)),
            [Annotations.ApplySetAdditionalNamespaces] = string.Join(',', sorted.Select(m => m.Namespace).OfType<string>().Where(n => n != ns).Distinct().Order(StringComparer.Ordinal)),
            [Annotations.AttemptedCommit] = attemptedCommit,
        };
        if (appliedCommit is not null)
        {
            annotations[Annotations.AppliedCommit] = appliedCommit;
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [Annotations.ApplySetId] = Id },
                ["annotations"] = annotations,
            },
            ["data"] = new JsonObject { [MembersKey] = MemberList.Join(sorted.Select(m => m.Serialize()).ToList()) },
        };
        if (stored is not null && IsStored(body, appliedCommit is null, stored))
        {
            return;
        }

        await EnsureNamespaceAsync(cancellationToken);
        stored = await api.ApplyAsync(ConfigMaps.ObjectPath(ns, name), body, dryRun: false, cancellationToken);
    }

    /// <summary>True when <paramref name="live"/> already holds every label, annotation and member list of <paramref name="body"/>.</summary>
    private static bool IsStored(JsonObject body, bool withoutAppliedCommit, JsonObject live)
    {
        var liveMetadata = live["metadata"];
        if (withoutAppliedCommit && liveMetadata?["annotations"]?[Annotations.AppliedCommit] is not null)
        {
            return false; // the write would remove it
        }

        bool Same(JsonNode? wanted, JsonNode? actual) =>
            wanted is JsonValue && actual is JsonValue && wanted.GetValue<string>() == actual.GetValue<string>();

        return body["metadata"]!["labels"]!.AsObject().All(p => Same(p.Value, liveMetadata?["labels"]?[p.Key]))
            && body["metadata"]!["annotations"]!.AsObject().All(p => Same(p.Value, liveMetadata?["annotations"]?[p.Key]))
            && Same(body["data"]![MembersKey], live["data"]?[MembersKey]);
    }

    /// <summary>Creates the inventory's namespace when it is missing (the status ConfigMap lives there too).</summary>
    public async Task EnsureNamespaceAsync(CancellationToken cancellationToken)
    {
        if (await api.GetAsync($"/api/v1/namespaces/{Uri.EscapeDataString(ns)}", cancellationToken) is not null)
        {
            return;
        }

        try
        {
            // Created, never applied: an apply by our field manager would later strip fields from a Namespace the
            // desired set also declares.
            await api.CreateAsync("/api/v1/namespaces", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = ns } }, cancellationToken);
        }
        catch (KubeApiException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            // Someone created it between our GET and POST; that is all we wanted.
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Apply;
using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Api;

/// <summary>
/// Every write goes through here: scoping to the main resource or the status subresource, defaulting,
/// immutability, ownership (managedFields), generation, no-op detection, dry-run, finalizers and storage.
/// HTTP handlers and simulated controllers share it, so both behave like an apiserver.
/// </summary>
internal sealed partial class ResourceService(ObjectStore store, ResourceRegistry registry, FieldValidation validation, TimeProvider time)
{
    private int nextClusterIp;

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    /// <summary>Raised after a write is stored (outside the store lock); controllers and the CRD registrar listen.</summary>
    public event Action<ResourceType, StoredObject>? Committed;

    /// <summary>Raised after an object is removed from the store.</summary>
    public event Action<ResourceType, StoredObject>? Removed;

    public string Now() => time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public ResourceType NamespaceType => registry.Find("", "v1", "namespaces")!;

    /// <summary>Commits a candidate object. <paramref name="ownership"/> computes managedFields from the defaulted candidate.</summary>
    private WriteResult Commit(
        ResourceType type, StoredObject? old, JsonObject candidate, Func<JsonObject, List<ManagedFieldsEntry>> ownership,
        WriteOptions options, string? subresource, IReadOnlyList<string> warnings)
    {
        var metadata = Metadata(candidate);
        if (old is null)
        {
            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Now();
            metadata.Remove("resourceVersion");
            metadata.Remove("deletionTimestamp");
            metadata.Remove("deletionGracePeriodSeconds");
            if (type.TracksGeneration || type.IsCustom)
            {
                metadata["generation"] = 1;
            }
        }
        else
        {
            foreach (var preserved in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                metadata[preserved] = old.Metadata[preserved]?.DeepClone();
                if (metadata[preserved] is null)
                {
                    metadata.Remove(preserved);
                }
            }
        }

        if (subresource == "status" && old is not null)
        {
            var status = candidate["status"]?.DeepClone();
            candidate = old.CloneNode();
            metadata = Metadata(candidate);
            candidate["status"] = status;
        }
        else if (type.HasStatus)
        {
            candidate["status"] = old?.Node["status"]?.DeepClone();
        }

        if (candidate["status"] is null)
        {
            candidate.Remove("status");
        }

        Defaulting.Apply(type, candidate, AllocateClusterIp);
        if (old is not null)
        {
            ImmutableFields.Check(type, old.Node, candidate);
            if (type.TracksGeneration || type.IsCustom)
            {
                var generation = old.Metadata["generation"].AsLong() ?? 1;
                metadata["generation"] = ContentChanged(old.Node, candidate) ? generation + 1 : generation;
            }
        }

        var managers = ownership(candidate);
        metadata.Remove("managedFields");
        if (managers.Count > 0)
        {
            metadata["managedFields"] = ManagedFieldsEntry.Encode(managers);
        }

        if (old is not null && Unchanged(old, candidate, managers))
        {
            return new WriteResult(old, false, warnings);
        }

        if (old is not null && metadata["deletionTimestamp"] is not null && (metadata["finalizers"] as JsonArray ?? []).Count == 0)
        {
            var removed = options.DryRun ? old : store.Remove(type.GroupResource, old.Namespace, old.Name) ?? old;
            if (!options.DryRun)
            {
                OnRemoved(type, removed);
            }

            return new WriteResult(removed, false, warnings) { Deleted = true };
        }

        if (options.DryRun)
        {
            if (old is not null)
            {
                metadata["resourceVersion"] = old.Metadata["resourceVersion"]?.DeepClone();
            }

            var preview = new StoredObject(candidate, JsonSerializer.SerializeToUtf8Bytes(candidate, CompactJson.Options), old?.ResourceVersion ?? 0);
            return new WriteResult(preview, old is null, warnings) { DryRun = true };
        }

        var stored = store.Put(type, candidate, created: old is null, managers);
        return new WriteResult(stored, old is null, warnings);
    }

    internal void OnCommitted(ResourceType type, WriteResult result)
    {
        if (!result.Deleted && !result.DryRun)
        {
            Committed?.Invoke(type, result.Object);
        }
    }

    internal void OnRemoved(ResourceType type, StoredObject last)
    {
        Removed?.Invoke(type, last);
        AfterRemoval(type, last);
    }

    private static bool ContentChanged(JsonObject before, JsonObject after)
    {
        var names = before.Select(p => p.Key).Union(after.Select(p => p.Key)).Where(n => n is not ("metadata" or "status" or "apiVersion" or "kind"));
        return names.Any(name => !JsonNode.DeepEquals(before[name], after[name]));
    }

    /// <summary>Equal apart from managedFields timestamps: such a write keeps resourceVersion (no event).</summary>
    private static bool Unchanged(StoredObject old, JsonObject after, IReadOnlyList<ManagedFieldsEntry> managers)
    {
        var before = old.Node;
        if (before.Count != after.Count)
        {
            return false;
        }

        foreach (var (name, value) in before)
        {
            if (name != "metadata" && (!after.TryGetPropertyValue(name, out var other) || !JsonNode.DeepEquals(value, other)))
            {
                return false;
            }
        }

        var left = (JsonObject)before["metadata"]!;
        var right = Metadata(after);
        foreach (var name in left.Select(p => p.Key).Union(right.Select(p => p.Key)))
        {
            if (name is not ("managedFields" or "resourceVersion") && !JsonNode.DeepEquals(left[name], right[name]))
            {
                return false;
            }
        }

        return ManagedFieldsEntry.SameOwnership(old.Managers, managers);
    }

    private string AllocateClusterIp()
    {
        var n = Interlocked.Increment(ref nextClusterIp);
        return string.Create(CultureInfo.InvariantCulture, $"10.96.{(n / 250) % 250}.{(n % 250) + 2}");
    }

    internal static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject metadata)
        {
            return metadata;
        }

        metadata = new JsonObject();
        obj["metadata"] = metadata;
        return metadata;
    }
}

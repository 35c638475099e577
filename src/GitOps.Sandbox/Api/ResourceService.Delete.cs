using System.Text.Json.Nodes;
using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Api;

internal sealed partial class ResourceService
{
    /// <summary>
    /// Deletes an object. Finalizers (and namespaces, which empty themselves first) keep it with a
    /// deletionTimestamp; otherwise it goes at once and, unless orphaned, so do objects it owns.
    /// </summary>
    public WriteResult Delete(ResourceType type, string? ns, string name, string? propagationPolicy, bool dryRun)
    {
        WriteResult result;
        lock (store.Gate)
        {
            var old = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            var finalizers = old.Metadata["finalizers"] as JsonArray ?? [];
            var isNamespace = type == NamespaceType;
            if (finalizers.Count > 0 || isNamespace)
            {
                if (old.Metadata["deletionTimestamp"] is not null)
                {
                    return new WriteResult(old, false, []);
                }

                var marked = old.CloneNode();
                Metadata(marked)["deletionTimestamp"] = Now();
                Metadata(marked)["deletionGracePeriodSeconds"] = 0;
                if (isNamespace)
                {
                    marked["status"] = new JsonObject { ["phase"] = "Terminating" };
                }

                if (dryRun)
                {
                    return new WriteResult(old with { Node = marked }, false, []);
                }

                result = new WriteResult(store.Put(type, marked, created: false), false, []);
            }
            else
            {
                if (dryRun)
                {
                    return new WriteResult(old, false, []) { Deleted = true };
                }

                result = new WriteResult(store.Remove(type.GroupResource, ns, name)!, false, []) { Deleted = true };
            }
        }

        if (result.Deleted)
        {
            OnRemoved(type, result.Object);
            if (propagationPolicy != "Orphan")
            {
                CollectDependents((string)result.Object.Metadata["uid"]!);
            }
        }
        else if (type == NamespaceType)
        {
            _ = Task.Run(() => EmptyNamespace(name));
        }

        return result;
    }

    /// <summary>Deletes what a terminating namespace contains, then the namespace once nothing is left.</summary>
    internal void EmptyNamespace(string ns)
    {
        var remaining = 0;
        foreach (var type in registry.All.Where(t => t.Namespaced).DistinctBy(t => t.GroupResource))
        {
            foreach (var item in store.List(type, ns).Items)
            {
                remaining++;
                try
                {
                    Delete(type, ns, item.Name, "Background", dryRun: false);
                }
                catch (ApiException error) when (error.Code == 404)
                {
                    remaining--;
                }
            }
        }

        remaining = registry.All.Where(t => t.Namespaced).DistinctBy(t => t.GroupResource).Sum(t => store.List(t, ns).Items.Count);
        if (remaining == 0)
        {
            RemoveNamespace(ns);
        }
    }

    private void RemoveNamespace(string ns)
    {
        StoredObject? removed;
        lock (store.Gate)
        {
            var current = store.Get(NamespaceType, null, ns);
            if (current?.Metadata["deletionTimestamp"] is null)
            {
                return;
            }

            removed = store.Remove(NamespaceType.GroupResource, null, ns);
        }

        if (removed is not null)
        {
            OnRemoved(NamespaceType, removed);
        }
    }

    /// <summary>Garbage collection: objects whose ownerReferences name a deleted uid are deleted too.</summary>
    private void CollectDependents(string ownerUid)
    {
        foreach (var type in registry.All.DistinctBy(t => t.GroupResource))
        {
            foreach (var item in store.ListAll(type.GroupResource))
            {
                var owners = item.Metadata["ownerReferences"] as JsonArray;
                if (owners is not null && owners.Any(owner => (string?)owner?["uid"] == ownerUid))
                {
                    try
                    {
                        Delete(type, item.Namespace, item.Name, "Background", dryRun: false);
                    }
                    catch (ApiException error) when (error.Code == 404)
                    {
                        // Already gone: another collector or client got there first.
                    }
                }
            }
        }
    }

    /// <summary>After an object left the store: a namespace waiting for its last object can go.</summary>
    internal void AfterRemoval(ResourceType type, StoredObject removed)
    {
        if (type.Namespaced && removed.Namespace is { } ns && store.Get(NamespaceType, null, ns)?.Metadata["deletionTimestamp"] is not null)
        {
            var remaining = registry.All.Where(t => t.Namespaced).DistinctBy(t => t.GroupResource).Sum(t => store.List(t, ns).Items.Count);
            if (remaining == 0)
            {
                RemoveNamespace(ns);
            }
        }
    }
}

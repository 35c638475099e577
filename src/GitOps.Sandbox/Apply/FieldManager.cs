using System.Text.Json.Nodes;
using GitOps.Sandbox.Api;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Apply;

/// <summary>
/// Server-side apply and update ownership tracking, following structured-merge-diff's Updater:
/// Apply merges, prunes what the applier stopped sending (unless someone else owns it) and fails on conflicts;
/// Update hands changed fields to the updating manager.
/// </summary>
internal sealed class FieldManager(ResourceType type, string? subresource)
{
    private static readonly string[] SystemMetadata =
        ["name", "namespace", "creationTimestamp", "selfLink", "uid", "generation", "managedFields", "resourceVersion"];

    private SchemaNode Schema => type.Schema;

    public (JsonObject Merged, List<ManagedFieldsEntry> Managers) Apply(
        JsonObject live, JsonObject config, List<ManagedFieldsEntry> managers, string manager, bool force, string now)
    {
        var merged = (JsonObject)ApplyMerge.Merge(live, config, Schema)!;
        var applier = new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation, type.GroupVersion, subresource, now, Scope(FieldSets.Of(config, Schema)));
        var previous = managers.FirstOrDefault(entry => entry.Identity == applier.Identity);
        var others = managers.Where(entry => entry.Identity != applier.Identity).ToList();

        if (previous is not null)
        {
            var owned = others.Aggregate(applier.Fields, (all, entry) => all.Union(entry.Fields));
            FieldRemoval.Remove(merged, previous.Fields.Difference(owned), Schema);
        }

        var result = new List<ManagedFieldsEntry>();
        if (others.Count > 0)
        {
            // Only other managers can conflict or lose fields, so a lone applier skips the comparison.
            var comparison = Compare(live, merged);
            var changed = comparison.Changed;
            var conflicts = others
                .Select(entry => (Entry: entry, Fields: entry.Fields.Intersection(changed)))
                .Where(pair => !pair.Fields.IsEmpty)
                .ToList();
            if (conflicts.Count > 0 && !force)
            {
                throw ConflictError(conflicts);
            }

            foreach (var entry in others)
            {
                var remaining = entry.Fields.Difference(changed).Difference(comparison.Removed);
                if (!remaining.IsEmpty)
                {
                    result.Add(entry with { Fields = remaining });
                }
            }
        }

        var keepTime = previous is not null && previous.Fields.SetEquals(applier.Fields) && JsonNode.DeepEquals(live, merged);
        result.Add(keepTime ? applier with { Time = previous!.Time } : applier);
        return (merged, result);
    }

    public List<ManagedFieldsEntry> Update(JsonObject live, JsonObject updated, List<ManagedFieldsEntry> managers, string manager, string now)
    {
        var comparison = Compare(live, updated);
        var identity = new ManagedFieldsEntry(manager, ManagedFieldsEntry.UpdateOperation, type.GroupVersion, subresource, now, new FieldSet());
        var previous = managers.FirstOrDefault(entry => entry.Identity == identity.Identity);
        var changed = comparison.Changed;
        var result = new List<ManagedFieldsEntry>();
        foreach (var entry in managers)
        {
            if (entry.Identity == identity.Identity)
            {
                continue;
            }

            var remaining = entry.Fields.Difference(changed).Difference(comparison.Removed);
            if (!remaining.IsEmpty)
            {
                result.Add(entry with { Fields = remaining });
            }
        }

        var own = (previous?.Fields ?? new FieldSet()).Difference(comparison.Removed).Union(changed);
        if (!own.IsEmpty)
        {
            var unchanged = previous is not null && previous.Fields.SetEquals(own);
            result.Add(unchanged ? previous! : identity with { Fields = own });
        }

        return result;
    }

    private Comparison Compare(JsonObject before, JsonObject after)
    {
        var raw = Comparison.Of(before, after, Schema);
        return new Comparison(Scope(raw.Added), Scope(raw.Modified), Scope(raw.Removed));
    }

    /// <summary>Drops what nobody manages (type and system metadata) and what the other endpoint owns (status).</summary>
    private FieldSet Scope(FieldSet set)
    {
        var scoped = set.Clone();
        scoped.Member = false;
        scoped.RemoveChild("f:apiVersion");
        scoped.RemoveChild("f:kind");
        if (scoped.Find("f:metadata") is { } metadata)
        {
            metadata.Member = false;
            foreach (var name in SystemMetadata)
            {
                metadata.RemoveChild("f:" + name);
            }
        }

        if (subresource == "status")
        {
            var status = scoped.Find("f:status");
            scoped = new FieldSet();
            if (status is not null)
            {
                scoped.Put("f:status", status);
            }
        }
        else if (type.HasStatus)
        {
            scoped.RemoveChild("f:status");
        }

        return scoped;
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Entry, FieldSet Fields)> conflicts)
    {
        var flat = conflicts
            .OrderBy(pair => pair.Entry.Display, StringComparer.Ordinal)
            .SelectMany(pair => pair.Fields.Paths().Select(path => (Manager: pair.Entry.Display, Path: FieldSet.Describe(path))))
            .ToList();
        var causes = new JsonArray();
        foreach (var (manager, path) in flat)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {manager}", ["field"] = path });
        }

        string message;
        if (flat.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {flat[0].Manager}: {flat[0].Path}";
        }
        else
        {
            var lines = flat.GroupBy(pair => pair.Manager).SelectMany(group => new[] { $"conflicts with {group.Key}:" }.Concat(group.Select(pair => $"- {pair.Path}")));
            message = $"Apply failed with {flat.Count} conflicts: {string.Join("\n", lines)}";
        }

        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }
}

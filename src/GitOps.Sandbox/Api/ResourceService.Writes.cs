using System.Text;
using System.Text.Json.Nodes;
using GitOps.Sandbox.Apply;
using GitOps.Sandbox.Patching;
using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Api;

internal sealed partial class ResourceService
{
    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options, string? rawBody = null)
    {
        CheckTypeMeta(type, body);
        var metadata = Metadata(body);
        if (metadata["name"] is null && (string?)metadata["generateName"] is { Length: > 0 } prefix)
        {
            metadata["name"] = prefix + RandomSuffix();
        }

        var name = (string?)metadata["name"];
        if (string.IsNullOrEmpty(name))
        {
            throw ApiException.Invalid(type, "", [("metadata.name", "Required value: name or generateName is required")]);
        }

        ScopeNamespace(type, ns, metadata);
        var warnings = validation.Enforce(type, body, rawBody, false, options.FieldValidation);
        WriteResult result;
        lock (store.Gate)
        {
            EnsureNamespaceAcceptsWrites(type, ns, name);
            if (store.Get(type, ns, name) is not null)
            {
                throw ApiException.AlreadyExists(type, name);
            }

            var skeleton = Skeleton(type, body);
            result = Commit(type, null, body, candidate => UpdateOwnership(type, null, skeleton, candidate, options, null), options, null, warnings);
        }

        OnCommitted(type, result);
        return result;
    }

    public WriteResult Replace(ResourceType type, string? ns, string name, JsonObject body, WriteOptions options, string? subresource, string? rawBody = null)
    {
        CheckTypeMeta(type, body);
        var metadata = Metadata(body);
        if ((string?)metadata["name"] is { } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest("the name of the object (" + bodyName + ") does not match the name on the URL (" + name + ")");
        }

        metadata["name"] = name;
        ScopeNamespace(type, ns, metadata);
        var warnings = validation.Enforce(type, body, rawBody, false, options.FieldValidation);
        WriteResult result;
        lock (store.Gate)
        {
            var old = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            if ((string?)metadata["resourceVersion"] is { Length: > 0 } expected && expected != (string?)old.Metadata["resourceVersion"])
            {
                throw ApiException.Conflict(type, name);
            }

            result = Commit(type, old, body, candidate => UpdateOwnership(type, old, old.Node, candidate, options, subresource), options, subresource, warnings);
        }

        OnCommitted(type, result);
        return result;
    }

    /// <summary>JSON patch, merge patch or strategic merge patch: an update computed from the live object.</summary>
    public WriteResult Patch(ResourceType type, string? ns, string name, string patchType, byte[] body, WriteOptions options, string? subresource)
    {
        WriteResult result;
        lock (store.Gate)
        {
            var old = store.Get(type, ns, name) ?? throw ApiException.NotFound(type, name);
            var live = old.CloneNode();
            live.Remove("status");
            var view = subresource == "status" || !type.HasStatus ? old.CloneNode() : live;
            JsonObject patched = patchType switch
            {
                "json" => JsonPatch.Apply(view, Manifests.Parse(body, false) as JsonArray ?? throw ApiException.BadRequest("a JSON patch must be an array of operations")),
                "merge" => JsonMergePatch.Apply(view, Manifests.Parse(body, false)),
                "strategic" when type.IsCustom => throw ApiException.UnsupportedMediaType("application/strategic-merge-patch+json (not supported for custom resources)"),
                "strategic" => StrategicMergePatch.Apply(view, Manifests.ParseObject(body, false), type.Schema),
                _ => throw ApiException.UnsupportedMediaType(patchType),
            } as JsonObject ?? throw ApiException.BadRequest("the patch result is not an object");
            var metadata = Metadata(patched);
            metadata["name"] = name;
            ScopeNamespace(type, ns, metadata);
            if ((string?)metadata["resourceVersion"] is { Length: > 0 } expected && expected != (string?)old.Metadata["resourceVersion"])
            {
                throw ApiException.Conflict(type, name);
            }

            var warnings = validation.Enforce(type, patched, patchType == "json" ? null : Encoding.UTF8.GetString(body), false, options.FieldValidation);
            result = Commit(type, old, patched, candidate => UpdateOwnership(type, old, old.Node, candidate, options, subresource), options, subresource, warnings);
        }

        OnCommitted(type, result);
        return result;
    }

    /// <summary>Server-side apply (<c>application/apply-patch+yaml</c>): creates the object when absent.</summary>
    public WriteResult Apply(ResourceType type, string? ns, string name, byte[] body, WriteOptions options, string? subresource)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw ApiException.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        var config = Manifests.ParseObject(body, yaml: true);
        CheckTypeMeta(type, config, required: true);
        var metadata = Metadata(config);
        if ((string?)metadata["name"] is { } configName && configName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({configName}) does not match the name on the URL ({name})");
        }

        metadata["name"] = name;
        ScopeNamespace(type, ns, metadata);
        metadata.Remove("managedFields");
        if (subresource != "status" && type.HasStatus)
        {
            config.Remove("status");
        }

        var warnings = validation.EnforceApply(type, ns, name, config, Encoding.UTF8.GetString(body), options.FieldValidation);
        WriteResult result;
        lock (store.Gate)
        {
            var old = store.Get(type, ns, name);
            if (old is null)
            {
                EnsureNamespaceAcceptsWrites(type, ns, name);
            }
            else if ((string?)metadata["resourceVersion"] is { Length: > 0 } expected && expected != (string?)old.Metadata["resourceVersion"])
            {
                // As the API server: a resourceVersion in the applied configuration is a precondition on the object.
                throw ApiException.Conflict(type, name);
            }

            var live = old?.CloneNode() ?? Skeleton(type, config);
            var managers = old?.Managers.ToList() ?? [];
            Metadata(live).Remove("managedFields");
            var (merged, owners) = new FieldManager(type, subresource).Apply(live, config, managers, options.FieldManager, options.Force, Now());
            result = Commit(type, old, merged, _ => owners, options, subresource, warnings);
        }

        OnCommitted(type, result);
        return result;
    }

    private List<ManagedFieldsEntry> UpdateOwnership(ResourceType type, StoredObject? old, JsonObject before, JsonObject candidate, WriteOptions options, string? subresource)
    {
        var previous = old is null ? [] : old.Managers.ToList();
        var requested = ManagedFieldsEntry.Decode(candidate);
        var managers = requested.Count > 0 && !ManagedFieldsEntry.SameOwnership(previous, requested) ? requested : previous;
        var after = (JsonObject)candidate.DeepClone();
        Metadata(after).Remove("managedFields");
        var beforeClean = (JsonObject)before.DeepClone();
        Metadata(beforeClean).Remove("managedFields");
        if (subresource == "status" && beforeClean["status"] is null)
        {
            beforeClean["status"] = new JsonObject();
        }
        return new FieldManager(type, subresource).Update(beforeClean, after, managers, options.UpdateManager, Now());
    }

    /// <summary>
    /// What an object "was" before creation: Go's zero value of the type, whose non-pointer structs already
    /// exist. Comparing against it gives Update managers the same <c>"."</c> entries Kubernetes records.
    /// </summary>
    private static JsonObject Skeleton(ResourceType type, JsonObject body)
    {
        var skeleton = type.NewShell((string?)body["metadata"]?["name"] ?? "", (string?)body["metadata"]?["namespace"]);
        if (body["spec"] is not JsonObject)
        {
            return skeleton;
        }

        var spec = new JsonObject();
        if (!type.IsCustom && type.Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job")
        {
            spec["template"] = new JsonObject { ["metadata"] = new JsonObject(), ["spec"] = new JsonObject { ["containers"] = null } };
            spec["selector"] = null;
        }

        if (!type.IsCustom && type.Kind is "Deployment")
        {
            spec["strategy"] = new JsonObject();
        }

        skeleton["spec"] = spec;
        return skeleton;
    }

    private static void CheckTypeMeta(ResourceType type, JsonObject body, bool required = false)
    {
        var apiVersion = (string?)body["apiVersion"];
        var kind = (string?)body["kind"];
        if (required && (string.IsNullOrEmpty(apiVersion) || string.IsNullOrEmpty(kind)))
        {
            throw ApiException.BadRequest("apiVersion and kind must be set in an apply patch");
        }

        if (apiVersion is not null && apiVersion != type.GroupVersion)
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        }

        body["apiVersion"] = type.GroupVersion;
        body["kind"] = type.Kind;
    }

    private static void ScopeNamespace(ResourceType type, string? ns, JsonObject metadata)
    {
        if (!type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if ((string?)metadata["namespace"] is { Length: > 0 } given && given != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = ns;
    }

    private void EnsureNamespaceAcceptsWrites(ResourceType type, string? ns, string name)
    {
        if (!type.Namespaced || ns is null)
        {
            return;
        }

        var namespaceObject = store.Get(NamespaceType, null, ns) ?? throw ApiException.NotFound(NamespaceType, ns);
        if (namespaceObject.Metadata["deletionTimestamp"] is not null)
        {
            throw ApiException.Forbidden(type, name, $"unable to create new content in namespace {ns} because it is being terminated");
        }
    }

    private static string RandomSuffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[Random.Shared.Next(alphabet.Length)];
            }
        });
    }
}

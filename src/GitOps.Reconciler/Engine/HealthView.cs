using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// What a run keeps of a live object until its end: what health evaluation reads (kind, spec, status, generation,
/// deletion) and what <see cref="VerifiedObjects"/> records (uid, resourceVersion). A run holds one per desired object
/// from the change set to the last health check; a whole object (its data, managedFields and the response or LIST
/// page it was parsed from) would keep megabytes alive that long when thousands of objects are applied or compared.
/// A view is detached from what it was built from, so that can be collected at once.
/// </summary>
internal static class HealthView
{
    private static readonly string[] MetadataKeys = ["name", "namespace", "uid", "resourceVersion", "generation", "deletionTimestamp"];
    private static readonly string[] BodyKeys = ["spec", "status"];

    /// <summary>The view of a LIST item (which has no apiVersion or kind: they come from the resource listed).</summary>
    public static JsonObject Of(JsonElement item, ResourceInfo resource)
    {
        var metadata = new JsonObject();
        if (item.TryGetProperty("metadata", out var liveMetadata) && liveMetadata.ValueKind == JsonValueKind.Object)
        {
            Copy(liveMetadata, metadata, MetadataKeys);
        }

        var view = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind, ["metadata"] = metadata };
        Copy(item, view, BodyKeys);
        return view;
    }

    /// <summary>The view of an object an apply (or its dry run) returned.</summary>
    public static JsonObject Of(JsonObject live, ResourceInfo resource)
    {
        var metadata = new JsonObject();
        if (live["metadata"] is JsonObject liveMetadata)
        {
            Copy(liveMetadata, metadata, MetadataKeys);
        }

        var view = new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind, ["metadata"] = metadata };
        Copy(live, view, BodyKeys);
        return view;
    }

    private static void Copy(JsonElement from, JsonObject to, string[] keys)
    {
        foreach (var key in keys)
        {
            if (from.TryGetProperty(key, out var value))
            {
                // Copied out rather than wrapped: a wrapper would keep the whole document it came from alive.
                to[key] = value.ValueKind switch
                {
                    JsonValueKind.Null => null,
                    JsonValueKind.String => JsonValue.Create(value.GetString()),
                    _ => JsonNode.Parse(value.GetRawText()),
                };
            }
        }
    }

    private static void Copy(JsonObject from, JsonObject to, string[] keys)
    {
        foreach (var key in keys)
        {
            if (from.TryGetPropertyValue(key, out var value))
            {
                to[key] = value?.DeepClone();
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Drift;

/// <summary>
/// Compares a live object with the server's dry run of our apply and attributes each differing field to the manager
/// whose <c>managedFields</c> entry owns it. Because the dry run is a server-side apply, fields we do not set (an
/// HPA's replicas, an injected sidecar) come back exactly as they are live, so they never show up as drift.
/// </summary>
internal static class DriftDiff
{
    private static readonly HashSet<string> Ignored =
    [
        "metadata.resourceVersion", "metadata.generation", "metadata.managedFields", "metadata.creationTimestamp",
        "metadata.uid", "status",
    ];

    public static List<FieldDrift> Compare(JsonObject live, JsonObject preview)
    {
        var owners = Entries(live).Select(e => new Owner(e, e.Fields)).ToList();
        var drift = new List<FieldDrift>();
        Walk(live, preview, "", owners, [], drift);
        return drift;
    }

    private static void Walk(JsonNode? live, JsonNode? desired, string path, List<Owner> owners, List<Owner> ancestors, List<FieldDrift> drift)
    {
        if (Ignored.Contains(path))
        {
            return;
        }

        var owning = owners.Where(o => o.Node is not null).ToList();
        var context = owning.Count > 0 ? owning : ancestors;
        switch (live, desired)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    var children = owners.Select(o => o with { Node = o.Node?["f:" + key] as JsonObject }).ToList();
                    Walk(a[key], b[key], path.Length == 0 ? key : $"{path}.{key}", children, context, drift);
                }

                return;
            case (JsonArray a, JsonArray b) when Pair(a, b) is { } pairs:
                foreach (var (index, liveItem, desiredItem) in pairs)
                {
                    var item = liveItem ?? desiredItem;
                    var children = owners.Select(o => o with { Node = ItemFields(o.Node, item, index) }).ToList();
                    Walk(liveItem, desiredItem, $"{path}[{ItemKey(item, index)}]", children, context, drift);
                }

                return;
        }

        if (JsonNode.DeepEquals(live, desired))
        {
            return;
        }

        // The newest writer among those owning the field; a removed field is owned by nobody, so fall back to whoever
        // owns the nearest enclosing object.
        var culprit = (owning.Count > 0 ? owning : live is null ? ancestors : []).MaxBy(o => o.Entry.Time ?? DateTimeOffset.MinValue);
        drift.Add(new FieldDrift(path, Show(live), Show(desired), culprit?.Entry.Manager, culprit?.Entry.Time));
    }

    /// <summary>List items paired by their <c>name</c> when every item has one, else by position when counts match.</summary>
    private static List<(int Index, JsonNode? Live, JsonNode? Desired)>? Pair(JsonArray live, JsonArray desired)
    {
        if (live.Concat(desired).All(i => Name(i) is not null))
        {
            var desiredByName = desired.ToDictionary(i => Name(i)!, StringComparer.Ordinal);
            var pairs = live.Select((item, index) => (index, item, desiredByName.GetValueOrDefault(Name(item)!))).ToList();
            var liveNames = live.Select(i => Name(i)!).ToHashSet(StringComparer.Ordinal);
            pairs.AddRange(desired.Where(i => !liveNames.Contains(Name(i)!)).Select((item, index) => (live.Count + index, (JsonNode?)null, item)));
            return pairs;
        }

        return live.Count == desired.Count ? live.Select((item, index) => (index, item, desired[index])).ToList() : null;
    }

    private static string? Name(JsonNode? item) =>
        item is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out var name) ? name : null;

    private static string ItemKey(JsonNode? item, int index) =>
        Name(item) is { } name ? $"name={name}" : index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Finds a list item in a fieldsV1 set: <c>k:{"name":"web"}</c> by merge key, <c>v:</c> by value, <c>i:</c> by index.</summary>
    private static JsonObject? ItemFields(JsonObject? fields, JsonNode? item, int index)
    {
        if (fields is null)
        {
            return null;
        }

        foreach (var (key, value) in fields)
        {
            if (value is not JsonObject set)
            {
                continue;
            }

            if (key.StartsWith("k:", StringComparison.Ordinal) && item is JsonObject itemObject && MatchesKey(key[2..], itemObject))
            {
                return set;
            }

            if ((key.StartsWith("v:", StringComparison.Ordinal) && JsonNode.DeepEquals(Parse(key[2..]), item))
                || key == $"i:{index.ToString(CultureInfo.InvariantCulture)}")
            {
                return set;
            }
        }

        return null;
    }

    private static bool MatchesKey(string keyJson, JsonObject item) =>
        Parse(keyJson) is JsonObject key && key.All(p => JsonNode.DeepEquals(p.Value, item[p.Key]));

    private static JsonNode? Parse(string json)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Show(JsonNode? value) =>
        value switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var text) => text,
            _ => value.ToJsonString(),
        };

    /// <summary>Every managedFields entry except our own apply: a field we own cannot have drifted by someone else's hand.</summary>
    private static IEnumerable<ManagedEntry> Entries(JsonObject live) =>
        (live["metadata"]?["managedFields"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(m => new ManagedEntry(
                m["manager"]?.GetValue<string>() ?? "",
                m["operation"]?.GetValue<string>() ?? "",
                m["time"] is JsonValue t && DateTimeOffset.TryParse(t.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
                m["fieldsV1"] as JsonObject))
            .Where(e => !(e.Manager == KubeApi.FieldManager && e.Operation == "Apply"));

    private sealed record ManagedEntry(string Manager, string Operation, DateTimeOffset? Time, JsonObject? Fields);

    private sealed record Owner(ManagedEntry Entry, JsonObject? Node);
}

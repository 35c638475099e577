using System.Text.Json.Nodes;

namespace GitOps.Sandbox.Apply;

/// <summary>One <c>metadata.managedFields</c> entry: a manager, its operation and the fields it owns.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string? Subresource, string? Time, FieldSet Fields)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public bool IsApply => Operation == ApplyOperation;

    /// <summary>Appliers are identified regardless of apiVersion, updaters per apiVersion (as in apimachinery).</summary>
    public string Identity => IsApply ? $"{Manager}\0Apply\0{Subresource}" : $"{Manager}\0Update\0{ApiVersion}\0{Subresource}";

    /// <summary>How conflict messages name the manager: <c>"kubectl-client-side-apply" using apps/v1</c>.</summary>
    public string Display
    {
        get
        {
            var text = $"\"{Manager}\"";
            if (!string.IsNullOrEmpty(Subresource))
            {
                text += $" with subresource \"{Subresource}\"";
            }

            return IsApply ? text : $"{text} using {ApiVersion}";
        }
    }

    public static List<ManagedFieldsEntry> Decode(JsonObject obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var fields = item["fieldsV1"] is JsonObject fieldsV1 ? FieldSet.FromFieldsV1(fieldsV1) : new FieldSet();
            entries.Add(new ManagedFieldsEntry(
                (string?)item["manager"] ?? "",
                (string?)item["operation"] ?? UpdateOperation,
                (string?)item["apiVersion"] ?? "",
                (string?)item["subresource"],
                (string?)item["time"],
                fields));
        }

        return entries;
    }

    /// <summary>Encodes entries in apimachinery's order: Apply before Update, then by time, manager, version.</summary>
    public static JsonArray Encode(IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        var ordered = entries
            .Where(entry => !entry.Fields.IsEmpty)
            .OrderBy(entry => entry.Operation, StringComparer.Ordinal)
            .ThenBy(entry => entry.Time ?? "", StringComparer.Ordinal)
            .ThenBy(entry => entry.Manager, StringComparer.Ordinal)
            .ThenBy(entry => entry.ApiVersion, StringComparer.Ordinal)
            .ThenBy(entry => entry.Subresource ?? "", StringComparer.Ordinal);
        foreach (var entry in ordered)
        {
            var json = new JsonObject
            {
                ["apiVersion"] = entry.ApiVersion,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToFieldsV1(),
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
            };
            if (!string.IsNullOrEmpty(entry.Subresource))
            {
                json["subresource"] = entry.Subresource;
            }

            if (entry.Time is not null)
            {
                json["time"] = entry.Time;
            }

            array.Add(json);
        }

        return array;
    }

    /// <summary>Same owners of the same fields, ignoring timestamps: a write that changes nothing keeps its version.</summary>
    public static bool SameOwnership(IReadOnlyList<ManagedFieldsEntry> left, IReadOnlyList<ManagedFieldsEntry> right)
    {
        var l = left.Where(e => !e.Fields.IsEmpty).ToDictionary(e => e.Identity, StringComparer.Ordinal);
        var r = right.Where(e => !e.Fields.IsEmpty).ToDictionary(e => e.Identity, StringComparer.Ordinal);
        return l.Count == r.Count && l.All(pair => r.TryGetValue(pair.Key, out var other) && pair.Value.Fields.SetEquals(other.Fields));
    }
}

using System.Text.Json.Nodes;
using GitOps.Sandbox.Apply;

namespace GitOps.Sandbox.Store;

/// <summary>
/// One object version as committed. <see cref="Node"/> is never mutated after commit (writers clone it);
/// <see cref="Json"/> is its serialized form, written to responses and watch streams as is.
/// </summary>
internal sealed record StoredObject(JsonObject Node, byte[] Json, long ResourceVersion)
{
    public JsonObject Metadata => (JsonObject)Node["metadata"]!;

    public string Name => (string)Metadata["name"]!;

    public string? Namespace => (string?)Metadata["namespace"];

    private IReadOnlyList<ManagedFieldsEntry>? managers;

    /// <summary>The decoded managedFields, kept with this version so each write does not parse them again.</summary>
    public IReadOnlyList<ManagedFieldsEntry> Managers
    {
        get => managers ??= ManagedFieldsEntry.Decode(Node);
        init => managers = value;
    }

    public JsonObject CloneNode() => (JsonObject)Node.DeepClone();
}

/// <summary>A change as watchers see it; <see cref="Previous"/> lets a filtered watch turn modifications into ADDED/DELETED.</summary>
internal sealed record WatchEvent(long ResourceVersion, string Type, string GroupResource, StoredObject Object, StoredObject? Previous = null);

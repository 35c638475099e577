using System.Text.Json.Nodes;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Api;

/// <summary>One REST resource the sandbox serves, as discovery describes it.</summary>
internal sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Categories,
    bool HasStatus,
    bool HasScale,
    bool TracksGeneration,
    SchemaNode Schema)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>Storage identity: every version of a resource shares one store, as in etcd.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>`Deployment.apps`, the way validation errors name a kind.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";

    public bool IsCustom { get; init; }

    /// <summary>For custom resources: the owning CRD, so deleting it can delete its objects.</summary>
    public string? CrdName { get; init; }

    public JsonObject NewShell(string name, string? ns)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = GroupVersion, ["kind"] = Kind, ["metadata"] = metadata };
    }
}

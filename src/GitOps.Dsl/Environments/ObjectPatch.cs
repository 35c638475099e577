using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>A patch selected by app, kind and name; <see cref="Apply"/> returns the patched JSON.</summary>
internal sealed record ObjectPatch(string? App, string Kind, string? Name, Func<JsonObject, JsonObject> Apply)
{
    public bool Selects(string app, string kind, string name) =>
        (App is null || App == app) && Kind == kind && (Name is null || Name == name);
}

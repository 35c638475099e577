using GitOps.Sandbox.Store;

namespace GitOps.Sandbox.Api;

/// <summary>The query parameters of a write: <c>fieldManager</c>, <c>dryRun=All</c>, <c>force</c>, <c>fieldValidation</c>.</summary>
internal sealed record WriteOptions(string? FieldManager, bool DryRun = false, bool Force = false, string FieldValidation = "Strict", string? UserAgent = null)
{
    public static WriteOptions System(string manager) => new(manager, FieldValidation: "Ignore");

    /// <summary>The manager an update is recorded under: explicit, else the User-Agent's product name, as apiserver does.</summary>
    public string UpdateManager =>
        !string.IsNullOrEmpty(FieldManager) ? FieldManager
        : string.IsNullOrEmpty(UserAgent) ? "unknown" : UserAgent.Split('/')[0];
}

internal sealed record WriteResult(StoredObject Object, bool Created, IReadOnlyList<string> Warnings)
{
    public bool Deleted { get; init; }

    public bool DryRun { get; init; }
}

namespace GitOps.Reconciler.Dashboard;

/// <summary>What the dashboard allows. Read-only unless actions are enabled and a token is set.</summary>
public sealed record DashboardOptions
{
    /// <summary>Serve the dashboard at all (the agent serves it on its listen address unless turned off).</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Allow "sync now", "suspend" and "resume"; each needs <c>Authorization: Bearer</c> with <see cref="ActionToken"/>.</summary>
    public bool ActionsEnabled { get; init; }

    /// <summary>The bearer token actions need; never logged, never sent to the page.</summary>
    public string? ActionToken { get; init; }

    public override string ToString() => $"DashboardOptions {{ Enabled = {Enabled}, ActionsEnabled = {ActionsEnabled}, ActionToken = {(ActionToken is null ? "none" : "set")} }}";
}

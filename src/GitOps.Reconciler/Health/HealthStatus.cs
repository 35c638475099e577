namespace GitOps.Reconciler.Health;

/// <summary>A health verdict with the reason a person needs when it is not <see cref="HealthState.Current"/>.</summary>
internal sealed record HealthStatus(HealthState State, string Message)
{
    public static HealthStatus Current { get; } = new(HealthState.Current, "ready");

    public static HealthStatus InProgress(string message) => new(HealthState.InProgress, message);

    public static HealthStatus Failed(string message) => new(HealthState.Failed, message);
}

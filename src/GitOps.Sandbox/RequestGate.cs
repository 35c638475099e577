namespace GitOps.Sandbox;

/// <summary>A request held by <see cref="SandboxFaults.HoldNext"/>: known to have arrived, served once released.</summary>
public sealed class RequestGate
{
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the matching request has arrived and is being held.</summary>
    public Task Arrived => arrived.Task;

    /// <summary>Lets the held request be served.</summary>
    public void Release() => released.TrySetResult();

    internal async Task HoldAsync(CancellationToken requestAborted)
    {
        arrived.TrySetResult();
        await released.Task.WaitAsync(requestAborted);
    }
}

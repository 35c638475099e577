namespace GitOps.Reconciler.Planning;

/// <summary>
/// Objects split into batches applied one after another. A batch holds objects of one wave and one category whose
/// dependencies are all in earlier batches, so everything within a batch may be applied concurrently.
/// </summary>
internal sealed record ApplyPlan(IReadOnlyList<PlanBatch> Batches)
{
    public IEnumerable<DesiredObject> Objects => Batches.SelectMany(b => b.Objects);
}

/// <summary>One stage of the plan. <see cref="WaitForHealth"/> says whether later batches need this one healthy first.</summary>
internal sealed record PlanBatch(int Wave, ApplyCategory Category, IReadOnlyList<DesiredObject> Objects)
{
    public bool WaitForHealth { get; set; }
}

namespace GitOps.Reconciler.Engine;

internal sealed partial class ReconcileRun
{
    public ReconcileResult Result(bool succeeded, string error) => Result(succeeded, [error]);

    public ReconcileResult Result(bool succeeded, IEnumerable<string>? failure = null)
    {
        var objects = new List<ObjectResult>();
        foreach (var o in plan.Objects)
        {
            if (!changes.TryGetValue(o, out var change))
            {
                objects.Add(new ObjectResult(o.Ref, ObjectAction.NotApplied, HealthState.Unknown, null, []));
                continue;
            }

            var action = change.NeedsApply && !options.DryRun && !applied.ContainsKey(o) ? ObjectAction.NotApplied : change.Action;
            objects.Add(new ObjectResult(o.Ref, action, health.StateOf(o), health.MessageOf(o), change.ChangedFields));
        }

        foreach (var candidate in pruneCandidates.OrderBy(c => c.Order).ThenBy(c => c.Member.Ref.ToString(), StringComparer.Ordinal))
        {
            objects.Add(new ObjectResult(candidate.Member.Ref, candidate.Action, HealthState.Unknown, candidate.Message, []));
        }

        return new ReconcileResult
        {
            Succeeded = succeeded,
            DryRun = options.DryRun,
            Commit = snapshot.CommitSha,
            Errors = [.. errors, .. failure ?? []],
            Objects = objects,
            Inventory = store?.Description,
        };
    }
}

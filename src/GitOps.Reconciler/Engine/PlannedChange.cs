using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// What the server-side dry run said about one object: the action, the changed fields and the state of the would-be
/// object (or of the live one, when unchanged).
/// </summary>
internal sealed record PlannedChange(DesiredObject Object, ObjectAction Action, IReadOnlyList<string> ChangedFields, LiveState Live)
{
    public bool NeedsApply => Action is ObjectAction.Created or ObjectAction.Configured;
}

using System.Text.Json.Nodes;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>What the server-side dry run said about one object: the action, the changed fields and the would-be object.</summary>
internal sealed record PlannedChange(DesiredObject Object, ObjectAction Action, IReadOnlyList<string> ChangedFields, JsonObject Preview)
{
    public bool NeedsApply => Action is ObjectAction.Created or ObjectAction.Configured;
}

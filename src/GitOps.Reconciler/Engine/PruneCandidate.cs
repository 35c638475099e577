using GitOps.Reconciler.Inventory;

namespace GitOps.Reconciler.Engine;

/// <summary>An inventory member that the desired set no longer holds, and what prune did with it.</summary>
internal sealed class PruneCandidate(InventoryMember member)
{
    public InventoryMember Member { get; } = member;

    public ObjectAction Action { get; set; } = ObjectAction.NotApplied;

    public string? Message { get; set; }

    /// <summary>Deletion order: namespaced objects, other cluster objects, Namespaces, then CRDs last.</summary>
    public int Order => Member switch
    {
        { Group: "apiextensions.k8s.io", Kind: "CustomResourceDefinition" } => 3,
        { Group: "", Kind: "Namespace" } => 2,
        { Namespace: null } => 1,
        _ => 0,
    };
}

namespace GitOps.Reconciler.Inventory;

/// <summary>What the inventory object says: the members it tracks and the last commit applied completely.</summary>
internal sealed record InventoryState(IReadOnlyList<InventoryMember> Members, string? AppliedCommit, string? AttemptedCommit)
{
    public static InventoryState Empty { get; } = new([], null, null);
}

namespace GitOps.Reconciler.Inventory;

/// <summary>One object recorded in the inventory; the version says how to reach it even if discovery changes.</summary>
internal sealed record InventoryMember(string Group, string Version, string Kind, string? Namespace, string Name)
{
    public ObjectRef Ref => new(Group, Kind, Namespace, Name);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>One line of the inventory's member list: <c>apiVersion kind namespace-or-dash name</c>.</summary>
    public string Serialize() => $"{ApiVersion} {Kind} {Namespace ?? "-"} {Name}";

    public static InventoryMember Parse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 4)
        {
            throw new ReconcileException($"inventory member line '{line}' is not 'apiVersion kind namespace name'");
        }

        var slash = parts[0].IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", parts[0]) : (parts[0][..slash], parts[0][(slash + 1)..]);
        return new InventoryMember(group, version, parts[1], parts[2] == "-" ? null : parts[2], parts[3]);
    }
}

namespace GitOps.Rendering.Diff;

/// <summary>How an object or a field differs between the base and the head.</summary>
public enum ChangeKind
{
    /// <summary>Only in the head.</summary>
    Added,

    /// <summary>Only in the base.</summary>
    Removed,

    /// <summary>In both, with different content.</summary>
    Changed,
}

namespace GitOps.Rendering.Diff;

/// <summary>Everything that differs between two rendered trees (or two environments of one tree), per environment.</summary>
/// <param name="Base">What the base is, for people (<c>HEAD~1 (1a2b3c4)</c>, <c>staging</c>).</param>
/// <param name="Head">What the head is (<c>working tree</c>, <c>prod</c>).</param>
/// <param name="Environments">Every environment compared, sorted by name, including those without differences.</param>
public sealed record DiffReport(string Base, string Head, IReadOnlyList<EnvironmentDiff> Environments)
{
    /// <summary>True when any object was added, removed or changed, or an environment exists on one side only.</summary>
    public bool HasDifferences => Environments.Any(environment => environment.HasDifferences);
}

/// <summary>One environment's differences.</summary>
/// <param name="Name">The environment on the head side.</param>
/// <param name="BaseName">The environment on the base side: the same name, except for <c>--against-env</c>.</param>
/// <param name="Presence">Added when only the head has it, Removed when only the base has it, Changed when both do.</param>
/// <param name="Objects">The objects that differ, by app, kind, namespace and name.</param>
public sealed record EnvironmentDiff(string Name, string BaseName, ChangeKind Presence, IReadOnlyList<ObjectDiff> Objects)
{
    /// <summary>True when the environment exists on one side only or any of its objects differs.</summary>
    public bool HasDifferences => Presence != ChangeKind.Changed || Objects.Count > 0;

    /// <summary>The apps with differences, in name order.</summary>
    public IReadOnlyList<string> Apps => Objects.Select(o => o.App).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>How many objects were added, removed and changed.</summary>
    public int Count(ChangeKind change) => Objects.Count(o => o.Change == change);
}

/// <summary>One object that differs.</summary>
/// <param name="App">The app folder it renders into.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Namespace">Its namespace on the head side (the base side when removed); empty when cluster-scoped.</param>
/// <param name="Name">Its name on the head side (the base side when removed).</param>
/// <param name="Change">Added, removed or changed.</param>
/// <param name="BasePath">Its file in the base tree; null when added.</param>
/// <param name="HeadPath">Its file in the head tree; null when removed.</param>
/// <param name="Fields">For a changed object, every changed field; empty otherwise.</param>
/// <param name="Diff">The unified diff of the file.</param>
public sealed record ObjectDiff(
    string App, string Kind, string Namespace, string Name, ChangeKind Change, string? BasePath, string? HeadPath,
    IReadOnlyList<FieldChange> Fields, string Diff)
{
    /// <summary><c>Kind/name</c>, or <c>Kind/namespace/name</c> for namespaced objects.</summary>
    public string DisplayName => Namespace.Length == 0 ? $"{Kind}/{Name}" : $"{Kind}/{Namespace}/{Name}";
}

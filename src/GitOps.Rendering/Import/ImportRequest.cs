namespace GitOps.Rendering.Import;

/// <summary>What to import: one or more environments, each from files and folders of plain manifests.</summary>
/// <param name="Environments">Environment name to its inputs, in the order given.</param>
/// <param name="App">Puts every object in this one app instead of grouping by labels and folders.</param>
/// <param name="DefaultApp">The app for objects that neither labels nor folders place.</param>
public sealed record ImportRequest(IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Environments, string? App, string DefaultApp);

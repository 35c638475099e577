namespace GitOps.Dsl;

/// <summary>Everything one environment renders: its objects in app order, and the references it declares external.</summary>
/// <param name="Name">The environment name.</param>
/// <param name="Namespace">The environment's default namespace, if any.</param>
/// <param name="Objects">The objects.</param>
/// <param name="External">Objects that exist outside the rendered tree.</param>
public sealed record EnvironmentManifest(string Name, string? Namespace, IReadOnlyList<RenderedObject> Objects, ExternalReferences External);

using System.Text.Json;

namespace GitOps.Reconciler.Engine;

/// <summary>The live objects of one resource, by namespace and name, and which namespaces the listing covered.</summary>
internal sealed record LiveList(Dictionary<(string? Namespace, string Name), JsonElement> Items, bool AllNamespaces, HashSet<string?> Namespaces)
{
    /// <summary>True when every object of <paramref name="namespaces"/> that exists is in <see cref="Items"/>.</summary>
    public bool Covers(IEnumerable<string?> namespaces) => AllNamespaces || namespaces.All(Namespaces.Contains);
}

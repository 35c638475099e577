namespace GitOps.Reconciler;

/// <summary>Identifies one Kubernetes object: API group (empty for the core group), kind, namespace and name.</summary>
public readonly record struct ObjectRef(string Group, string Kind, string? Namespace, string Name)
{
    /// <summary>The form used in every message: <c>Deployment shop/front-end</c>, or <c>Namespace shop</c>.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";

    /// <summary>Group and kind as the ApplySet annotations spell them: <c>Deployment.apps</c>, or <c>Service</c>.</summary>
    public string GroupKind => Group.Length == 0 ? Kind : $"{Kind}.{Group}";
}

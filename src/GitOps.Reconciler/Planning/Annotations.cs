namespace GitOps.Reconciler.Planning;

/// <summary>The annotations and labels the reconciler reads and writes.</summary>
internal static class Annotations
{
    /// <summary>Comma-separated objects this one waits for: <c>[group/]Kind/[namespace/]name</c>.</summary>
    public const string DependsOn = "gitops.io/depends-on";

    /// <summary>An integer stage; lower waves are applied and healthy before higher ones start.</summary>
    public const string Wave = "gitops.io/wave";

    /// <summary>With value <c>disabled</c> on a live object, prune leaves it in place.</summary>
    public const string Prune = "gitops.io/prune";

    public const string ApplySetPartOf = "applyset.kubernetes.io/part-of";
    public const string ApplySetId = "applyset.kubernetes.io/id";
    public const string ApplySetTooling = "applyset.kubernetes.io/tooling";
    public const string ApplySetGroupKinds = "applyset.kubernetes.io/contains-group-kinds";
    public const string ApplySetAdditionalNamespaces = "applyset.kubernetes.io/additional-namespaces";
    public const string AppliedCommit = "gitops.io/applied-commit";
    public const string AttemptedCommit = "gitops.io/attempted-commit";
}

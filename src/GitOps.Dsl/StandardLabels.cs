namespace GitOps.Dsl;

/// <summary>The recommended <c>app.kubernetes.io/*</c> label keys that rendering adds to every object.</summary>
public static class StandardLabels
{
    /// <summary><c>app.kubernetes.io/name</c>: the component (or object) name.</summary>
    public const string Name = "app.kubernetes.io/name";

    /// <summary><c>app.kubernetes.io/part-of</c>: the app.</summary>
    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary><c>app.kubernetes.io/managed-by</c>: always <c>gitops</c>.</summary>
    public const string ManagedBy = "app.kubernetes.io/managed-by";

    /// <summary><c>app.kubernetes.io/instance</c>: <c>&lt;app&gt;-&lt;environment&gt;</c>.</summary>
    public const string Instance = "app.kubernetes.io/instance";

    /// <summary>The value of <c>app.kubernetes.io/managed-by</c>.</summary>
    public const string ManagedByValue = "gitops";
}

namespace GitOps.Dsl;

/// <summary>Built-in kinds that live outside namespaces: they never get the environment namespace or a name prefix.</summary>
internal static class ClusterScopedKinds
{
    private static readonly HashSet<string> Kinds = new(StringComparer.Ordinal)
    {
        "Namespace", "Node", "PersistentVolume", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
        "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "APIService", "CertificateSigningRequest", "FlowSchema",
        "PriorityLevelConfiguration", "ClusterIssuer",
    };

    public static bool Contains(string kind) => Kinds.Contains(kind);
}

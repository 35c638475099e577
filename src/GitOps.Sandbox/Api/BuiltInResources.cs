using k8s.Models;
using GitOps.Sandbox.Schema;

namespace GitOps.Sandbox.Api;

/// <summary>The built-in resources real manifests use, scoped and named as in Kubernetes 1.32.</summary>
internal static class BuiltInResources
{
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Core("Namespace", "namespaces", false, typeof(V1Namespace), ["ns"], status: true),
        Core("ConfigMap", "configmaps", true, typeof(V1ConfigMap), ["cm"]),
        Core("Secret", "secrets", true, typeof(V1Secret), []),
        Core("Service", "services", true, typeof(V1Service), ["svc"], status: true, categories: ["all"]),
        Core("ServiceAccount", "serviceaccounts", true, typeof(V1ServiceAccount), ["sa"]),
        Core("PersistentVolumeClaim", "persistentvolumeclaims", true, typeof(V1PersistentVolumeClaim), ["pvc"], status: true),
        Core("PersistentVolume", "persistentvolumes", false, typeof(V1PersistentVolume), ["pv"], status: true),
        Core("Pod", "pods", true, typeof(V1Pod), ["po"], status: true, categories: ["all"]),
        Core("Event", "events", true, typeof(Corev1Event), ["ev"]),
        Grouped("apps", "v1", "Deployment", "deployments", true, typeof(V1Deployment), ["deploy"], status: true, scale: true, generation: true, categories: ["all"]),
        Grouped("apps", "v1", "StatefulSet", "statefulsets", true, typeof(V1StatefulSet), ["sts"], status: true, scale: true, generation: true, categories: ["all"]),
        Grouped("apps", "v1", "DaemonSet", "daemonsets", true, typeof(V1DaemonSet), ["ds"], status: true, generation: true, categories: ["all"]),
        Grouped("apps", "v1", "ReplicaSet", "replicasets", true, typeof(V1ReplicaSet), ["rs"], status: true, scale: true, generation: true, categories: ["all"]),
        Grouped("batch", "v1", "Job", "jobs", true, typeof(V1Job), [], status: true, generation: true, categories: ["all"]),
        Grouped("batch", "v1", "CronJob", "cronjobs", true, typeof(V1CronJob), ["cj"], status: true, generation: true, categories: ["all"]),
        Grouped("networking.k8s.io", "v1", "Ingress", "ingresses", true, typeof(V1Ingress), ["ing"], status: true, generation: true),
        Grouped("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true, typeof(V1NetworkPolicy), ["netpol"], generation: true),
        Grouped("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", true, typeof(V2HorizontalPodAutoscaler), ["hpa"], status: true, categories: ["all"]),
        Grouped("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, typeof(V1PodDisruptionBudget), ["pdb"], status: true, generation: true),
        Grouped("rbac.authorization.k8s.io", "v1", "Role", "roles", true, typeof(V1Role), []),
        Grouped("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, typeof(V1RoleBinding), []),
        Grouped("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, typeof(V1ClusterRole), []),
        Grouped("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, typeof(V1ClusterRoleBinding), []),
        Grouped("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, typeof(V1CustomResourceDefinition), ["crd", "crds"], status: true, generation: true, categories: ["api-extensions"]),
        Grouped("coordination.k8s.io", "v1", "Lease", "leases", true, typeof(V1Lease), []),
    ];

    private static ResourceType Core(string kind, string plural, bool namespaced, Type model, string[] shortNames, bool status = false, string[]? categories = null) =>
        Grouped("", "v1", kind, plural, namespaced, model, shortNames, status, categories: categories);

    private static ResourceType Grouped(
        string group, string version, string kind, string plural, bool namespaced, Type model, string[] shortNames,
        bool status = false, bool scale = false, bool generation = false, string[]? categories = null) =>
        new(group, version, kind, plural, kind.ToLowerInvariant(), namespaced, shortNames, categories ?? [], status, scale, generation, ModelSchemas.For(model));
}

using System.Text.Json.Nodes;
using k8s.Models;

namespace GitOps.Sandbox.OpenApi;

internal sealed partial class ModelSchemaGenerator
{
    /// <summary>Kinds that are not namespaced (the client models do not say).</summary>
    public static readonly HashSet<string> ClusterScopedKinds =
    [
        "Namespace", "Node", "PersistentVolume", "ComponentStatus", "ClusterRole", "ClusterRoleBinding",
        "CustomResourceDefinition", "APIService", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment",
        "VolumeAttributesClass", "PriorityClass", "IngressClass", "RuntimeClass", "FlowSchema",
        "PriorityLevelConfiguration", "CertificateSigningRequest", "ClusterTrustBundle", "IPAddress", "ServiceCIDR",
        "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding", "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding",
        "DeviceClass", "DeviceTaintRule", "ResourceSlice", "StorageVersionMigration", "TokenReview",
        "SubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "SelfSubjectReview",
    ];

    private void AddFixedDefinitions()
    {
        schemas[ModelDefinitionNames.Time] = new JsonObject
        {
            ["description"] = "Time is a wrapper around time.Time which supports correct marshaling to YAML and JSON.",
            ["format"] = "date-time",
            ["type"] = "string",
        };
        schemas[ModelDefinitionNames.IntOrString] = new JsonObject
        {
            ["description"] = "IntOrString is a type that can hold an int32 or a string.",
            ["format"] = "int-or-string",
            ["type"] = "string",
            ["x-kubernetes-int-or-string"] = true,
        };
        schemas[ModelDefinitionNames.Quantity] = new JsonObject
        {
            ["description"] = "Quantity is a fixed-point representation of a number, e.g. 100m or 1Gi.",
            ["type"] = "string",
        };
        schemas[ModelDefinitionNames.Patch] = new JsonObject
        {
            ["description"] = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.",
            ["type"] = "object",
        };
    }

    private static JsonObject? Scalar(Type type)
    {
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["format"] = type == typeof(int) ? "int32" : "int64", ["type"] = "integer" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["format"] = "double", ["type"] = "number" };
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["format"] = "byte", ["type"] = "string" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return Ref(ModelDefinitionNames.Time);
        }

        if (type == typeof(IntOrString))
        {
            return Ref(ModelDefinitionNames.IntOrString);
        }

        return type == typeof(ResourceQuantity) ? Ref(ModelDefinitionNames.Quantity) : null;
    }

    private static Type? ValueTypeOfMap(Type type) =>
        GenericInterface(type, typeof(IDictionary<,>)) is { } map && map.GetGenericArguments()[0] == typeof(string)
            ? map.GetGenericArguments()[1]
            : null;

    private static Type? ElementTypeOfList(Type type) =>
        type == typeof(string) || type == typeof(byte[]) || ValueTypeOfMap(type) is not null
            ? null
            : GenericInterface(type, typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Type? GenericInterface(Type type, Type definition) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == definition
            ? type
            : type.GetInterfaces().FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == definition);
}

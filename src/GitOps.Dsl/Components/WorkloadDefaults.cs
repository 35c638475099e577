using k8s.Models;

namespace GitOps.Dsl;

/// <summary>The secure, modest defaults every workload starts from.</summary>
internal static class WorkloadDefaults
{
    public static V1ResourceRequirements Resources() => new()
    {
        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("128Mi") },
        Limits = new Dictionary<string, ResourceQuantity> { ["memory"] = new("256Mi") },
    };

    public static V1SecurityContext ContainerSecurityContext() => new()
    {
        RunAsNonRoot = true,
        AllowPrivilegeEscalation = false,
        ReadOnlyRootFilesystem = true,
        Capabilities = new V1Capabilities { Drop = ["ALL"] },
    };

    public static V1PodSecurityContext PodSecurityContext() => new()
    {
        RunAsNonRoot = true,
        SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
    };

    public static V1Probe Probe(int port, string? httpPath, int initialDelaySeconds) => httpPath is null
        ? new V1Probe { TcpSocket = new V1TCPSocketAction { Port = port }, InitialDelaySeconds = initialDelaySeconds, PeriodSeconds = 10 }
        : new V1Probe { HttpGet = new V1HTTPGetAction { Path = httpPath, Port = port }, InitialDelaySeconds = initialDelaySeconds, PeriodSeconds = 10 };
}

using k8s.Models;

namespace GitOps.Dsl;

/// <summary>
/// An HTTP service: a Deployment and a Service, plus optionally an Ingress, a HorizontalPodAutoscaler, a
/// PodDisruptionBudget and a ServiceAccount. Probes are added when <see cref="Port"/> is set.
/// </summary>
/// <param name="name">The component name, used for the Deployment, Service and the rest.</param>
public sealed class WebService(string name) : Workload(name)
{
    /// <summary>The container port; enables the Service and the probes.</summary>
    public int Port { get; set; } = 8080;

    /// <summary>The port the Service exposes (80 unless set).</summary>
    public int ServicePort { get; set; } = 80;

    /// <summary>The Service type (<c>ClusterIP</c> unless set).</summary>
    public string ServiceType { get; set; } = "ClusterIP";

    /// <summary>Replicas; ignored when <see cref="Autoscale"/> is set (the HPA owns the count).</summary>
    public int Replicas { get; set; } = 2;

    /// <summary>The HTTP path for readiness and liveness probes; null probes the TCP port.</summary>
    public string? HealthPath { get; set; }

    /// <summary>Replaces the default readiness probe.</summary>
    public V1Probe? ReadinessProbe { get; set; }

    /// <summary>Replaces the default liveness probe.</summary>
    public V1Probe? LivenessProbe { get; set; }

    /// <summary>False to render no probes at all.</summary>
    public bool Probes { get; set; } = true;

    /// <summary>Exposes the service through an Ingress.</summary>
    public IngressOptions? Ingress { get; set; }

    /// <summary>Adds a HorizontalPodAutoscaler.</summary>
    public Autoscaling? Autoscale { get; set; }

    /// <summary>Adds a PodDisruptionBudget keeping this many pods available.</summary>
    public int? MinAvailable { get; set; }

    /// <inheritdoc/>
    protected override IEnumerable<object> Build(ComponentContext context)
    {
        var container = Container();
        container.Ports = [new V1ContainerPort { Name = "http", ContainerPort = Port }];
        if (Probes)
        {
            container.ReadinessProbe = ReadinessProbe ?? WorkloadDefaults.Probe(Port, HealthPath, initialDelaySeconds: 5);
            container.LivenessProbe = LivenessProbe ?? WorkloadDefaults.Probe(Port, HealthPath, initialDelaySeconds: 15);
        }

        foreach (var account in ServiceAccountIfRequested(context))
        {
            yield return account;
        }

        yield return new V1Deployment
        {
            Metadata = Metadata(context),
            Spec = new V1DeploymentSpec
            {
                Replicas = Autoscale is null ? Replicas : null,
                Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(Name) },
                Template = PodTemplate(context, container),
            },
        };
        yield return new V1Service
        {
            Metadata = Metadata(context),
            Spec = new V1ServiceSpec
            {
                Type = ServiceType,
                Selector = context.SelectorLabels(Name),
                Ports = [new V1ServicePort { Name = "http", Port = ServicePort, TargetPort = "http", Protocol = "TCP" }],
            },
        };
        if (Ingress is not null)
        {
            yield return Ingress.Build(Metadata(context), Name, ServicePort);
        }

        if (Autoscale is not null)
        {
            yield return Autoscale.Build(Metadata(context), "Deployment", Name);
        }

        if (MinAvailable is int minAvailable)
        {
            yield return new V1PodDisruptionBudget
            {
                Metadata = Metadata(context),
                Spec = new V1PodDisruptionBudgetSpec
                {
                    MinAvailable = minAvailable,
                    Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(Name) },
                },
            };
        }
    }
}

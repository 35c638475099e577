using k8s.Models;

namespace GitOps.Dsl;

/// <summary>A HorizontalPodAutoscaler on CPU utilisation.</summary>
/// <param name="minReplicas">The fewest replicas.</param>
/// <param name="maxReplicas">The most replicas.</param>
public sealed class Autoscaling(int minReplicas, int maxReplicas)
{
    /// <summary>The fewest replicas.</summary>
    public int MinReplicas { get; set; } = minReplicas;

    /// <summary>The most replicas.</summary>
    public int MaxReplicas { get; set; } = maxReplicas;

    /// <summary>The average CPU utilisation (percent of requests) to aim for; 70 unless set.</summary>
    public int CpuUtilization { get; set; } = 70;

    internal V2HorizontalPodAutoscaler Build(V1ObjectMeta metadata, string targetKind, string targetName) => new()
    {
        Metadata = metadata,
        Spec = new V2HorizontalPodAutoscalerSpec
        {
            MinReplicas = MinReplicas,
            MaxReplicas = MaxReplicas,
            ScaleTargetRef = new V2CrossVersionObjectReference { ApiVersion = "apps/v1", Kind = targetKind, Name = targetName },
            Metrics =
            [
                new V2MetricSpec
                {
                    Type = "Resource",
                    Resource = new V2ResourceMetricSource
                    {
                        Name = "cpu",
                        Target = new V2MetricTarget { Type = "Utilization", AverageUtilization = CpuUtilization },
                    },
                },
            ],
        },
    };
}

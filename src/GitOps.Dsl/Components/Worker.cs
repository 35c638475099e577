using k8s.Models;

namespace GitOps.Dsl;

/// <summary>A background process without a Service: a Deployment (plus an optional ServiceAccount and HPA).</summary>
/// <param name="name">The component name.</param>
public sealed class Worker(string name) : Workload(name)
{
    /// <summary>Replicas (1 unless set); ignored when <see cref="Autoscale"/> is set.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Adds a HorizontalPodAutoscaler.</summary>
    public Autoscaling? Autoscale { get; set; }

    /// <inheritdoc/>
    protected override IEnumerable<object> Build(ComponentContext context)
    {
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
                Template = PodTemplate(context, Container()),
            },
        };
        if (Autoscale is not null)
        {
            yield return Autoscale.Build(Metadata(context), "Deployment", Name);
        }
    }
}

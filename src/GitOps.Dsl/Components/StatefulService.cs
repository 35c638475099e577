using k8s.Models;

namespace GitOps.Dsl;

/// <summary>
/// A stateful service such as a database: a StatefulSet, its headless Service and one PersistentVolumeClaim per
/// pod and <see cref="Storage"/> entry.
/// </summary>
/// <param name="name">The component name (StatefulSet and headless Service).</param>
public sealed class StatefulService(string name) : Workload(name)
{
    /// <summary>The container port.</summary>
    public int Port { get; set; } = 5432;

    /// <summary>Replicas (1 unless set).</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>Persistent volumes, one claim per pod each.</summary>
    public IList<PersistentStorage> Storage { get; } = [];

    /// <summary>False to render no TCP probes.</summary>
    public bool Probes { get; set; } = true;

    /// <inheritdoc/>
    protected override IEnumerable<object> Build(ComponentContext context)
    {
        var container = Container();
        container.Ports = [new V1ContainerPort { Name = "tcp", ContainerPort = Port }];
        if (Probes)
        {
            container.ReadinessProbe = WorkloadDefaults.Probe(Port, httpPath: null, initialDelaySeconds: 5);
            container.LivenessProbe = WorkloadDefaults.Probe(Port, httpPath: null, initialDelaySeconds: 30);
        }

        var mounts = container.VolumeMounts ?? [];
        foreach (var storage in Storage)
        {
            mounts.Add(new V1VolumeMount { MountPath = storage.MountPath, Name = storage.Name });
        }

        container.VolumeMounts = mounts.Count > 0 ? mounts : null;
        foreach (var account in ServiceAccountIfRequested(context))
        {
            yield return account;
        }

        yield return new V1StatefulSet
        {
            Metadata = Metadata(context),
            Spec = new V1StatefulSetSpec
            {
                ServiceName = Name,
                Replicas = Replicas,
                Selector = new V1LabelSelector { MatchLabels = context.SelectorLabels(Name) },
                Template = PodTemplate(context, container),
                VolumeClaimTemplates = Storage.Count == 0 ? null : Storage.Select(storage => new V1PersistentVolumeClaim
                {
                    Metadata = new V1ObjectMeta { Name = storage.Name },
                    Spec = new V1PersistentVolumeClaimSpec
                    {
                        AccessModes = [storage.AccessMode],
                        StorageClassName = storage.StorageClassName,
                        Resources = new V1VolumeResourceRequirements
                        {
                            Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new(storage.Size) },
                        },
                    },
                }).ToList(),
            },
        };
        yield return new V1Service
        {
            Metadata = Metadata(context),
            Spec = new V1ServiceSpec
            {
                ClusterIP = "None",
                Selector = context.SelectorLabels(Name),
                Ports = [new V1ServicePort { Name = "tcp", Port = Port, TargetPort = "tcp", Protocol = "TCP" }],
            },
        };
    }
}

using k8s.Models;
using static GitOps.Dsl.Tests.Dsl;

namespace GitOps.Dsl.Tests;

public sealed class ComponentTests
{
    [Fact]
    public void WebService_yields_deployment_and_service_with_secure_defaults_and_probes()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new WebService("web") { Image = "nginx:1.27", Port = 8080, HealthPath = "/healthz" });

        var manifest = dsl.Evaluate();

        Assert.Equal(["Deployment", "Service"], manifest.Objects.Select(o => o.Kind));
        var deployment = One(manifest, "Deployment");
        Assert.Equal("apps/v1", Text(deployment, "apiVersion"));
        Assert.Equal(2, (int)At(deployment, "spec.replicas")!);
        var container = At(deployment, "spec.template.spec.containers.0")!;
        Assert.Equal("nginx:1.27", Text(container, "image"));
        Assert.Equal("/healthz", Text(container, "readinessProbe.httpGet.path"));
        Assert.Equal(8080, (int)At(container, "livenessProbe.httpGet.port")!);
        Assert.True((bool)At(container, "securityContext.runAsNonRoot")!);
        Assert.True((bool)At(container, "securityContext.readOnlyRootFilesystem")!);
        Assert.False((bool)At(container, "securityContext.allowPrivilegeEscalation")!);
        Assert.Equal("ALL", Text(container, "securityContext.capabilities.drop.0"));
        Assert.Equal("100m", Text(container, "resources.requests.cpu"));
        Assert.Equal("RuntimeDefault", Text(deployment, "spec.template.spec.securityContext.seccompProfile.type"));
        var service = One(manifest, "Service");
        Assert.Equal("http", Text(service, "spec.ports.0.targetPort"));
        Assert.Equal("web", (string?)service["spec"]!["selector"]!["app.kubernetes.io/name"]);
        Assert.Equal("shop", (string?)service["spec"]!["selector"]!["app.kubernetes.io/part-of"]);
    }

    [Fact]
    public void WebService_options_add_ingress_autoscaler_disruption_budget_and_service_account()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new WebService("web")
        {
            Image = "nginx:1.27",
            Ingress = new IngressOptions("shop.example.com") { TlsSecretName = "tls" },
            Autoscale = new Autoscaling(2, 5),
            MinAvailable = 1,
            CreateServiceAccount = true,
        });

        var manifest = dsl.Evaluate(e => e.External.Secrets.Add("tls"));

        Assert.Equal(["ServiceAccount", "Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget"], manifest.Objects.Select(o => o.Kind));
        Assert.Null(At(One(manifest, "Deployment"), "spec.replicas"));
        Assert.Equal("web", Text(One(manifest, "Deployment"), "spec.template.spec.serviceAccountName"));
        Assert.Equal("autoscaling/v2", Text(One(manifest, "HorizontalPodAutoscaler"), "apiVersion"));
        Assert.Equal(5, (int)At(One(manifest, "HorizontalPodAutoscaler"), "spec.maxReplicas")!);
        Assert.Equal("shop.example.com", Text(One(manifest, "Ingress"), "spec.rules.0.host"));
        Assert.Equal(1, (int)At(One(manifest, "PodDisruptionBudget"), "spec.minAvailable")!);
    }

    [Fact]
    public void Configure_overrides_one_field_of_a_component_default()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new WebService("web") { Image = "nginx:1.27" }
            .Configure<V1Service>(s => s.Spec.Type = "NodePort")
            .Configure<V1Deployment>(d => d.Spec.Template.Spec.Containers[0].SecurityContext.ReadOnlyRootFilesystem = false));

        var manifest = dsl.Evaluate();

        Assert.Equal("NodePort", Text(One(manifest, "Service"), "spec.type"));
        var security = At(One(manifest, "Deployment"), "spec.template.spec.containers.0.securityContext")!;
        Assert.False((bool)security["readOnlyRootFilesystem"]!);
        Assert.True((bool)security["runAsNonRoot"]!);
    }

    [Fact]
    public void StatefulService_has_headless_service_and_one_claim_template_per_storage()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("db", env => new StatefulService("postgres")
        {
            Image = "postgres:16.4",
            Storage = { new PersistentStorage("data", "10Gi", "/var/lib/postgresql/data") },
        });

        var manifest = dsl.Evaluate();

        var set = One(manifest, "StatefulSet");
        Assert.Equal("postgres", Text(set, "spec.serviceName"));
        Assert.Equal("10Gi", Text(set, "spec.volumeClaimTemplates.0.spec.resources.requests.storage"));
        Assert.Equal("data", Text(set, "spec.template.spec.containers.0.volumeMounts.0.name"));
        Assert.Equal("None", Text(One(manifest, "Service"), "spec.clusterIP"));
    }

    [Fact]
    public void ScheduledJob_renders_a_cron_job_that_never_overlaps()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("db", env => new ScheduledJob("backup", "0 3 * * *") { Image = "postgres:16.4", Command = ["pg_dump"] });

        var job = One(dsl.Evaluate(), "CronJob");

        Assert.Equal("batch/v1", Text(job, "apiVersion"));
        Assert.Equal("0 3 * * *", Text(job, "spec.schedule"));
        Assert.Equal("Forbid", Text(job, "spec.concurrencyPolicy"));
        Assert.Equal("OnFailure", Text(job, "spec.jobTemplate.spec.template.spec.restartPolicy"));
        Assert.Equal("pg_dump", Text(job, "spec.jobTemplate.spec.template.spec.containers.0.command.0"));
    }

    [Fact]
    public void Worker_is_a_deployment_without_service()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("jobs", env => new Worker("queue") { Image = "acme/queue:2.0", Replicas = 3 });

        var manifest = dsl.Evaluate();

        Assert.Equal(["Deployment"], manifest.Objects.Select(o => o.Kind));
        Assert.Equal(3, (int)At(One(manifest, "Deployment"), "spec.replicas")!);
    }

    private sealed class Composite(string name) : Component(name)
    {
        protected override IEnumerable<object> Build(ComponentContext context)
        {
            yield return new WebService(Name) { Image = "x:1" };
            yield return new[] { new V1ConfigMap { Metadata = new V1ObjectMeta { Name = Name + "-extra" } } };
        }
    }

    [Fact]
    public void User_components_nest_other_components_and_configure_reaches_their_objects()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new Composite("web").Configure<V1Deployment>(d => d.Spec.Template.Spec.PriorityClassName = "high"));

        var manifest = dsl.Evaluate();

        Assert.Equal(["Deployment", "Service", "ConfigMap"], manifest.Objects.Select(o => o.Kind));
        Assert.Equal("high", Text(One(manifest, "Deployment"), "spec.template.spec.priorityClassName"));
    }
}

using k8s.Models;
using static GitOps.Dsl.Tests.Dsl;

namespace GitOps.Dsl.Tests;

public sealed class EnvironmentOverlayTests
{
    private sealed class Settings
    {
        public int Replicas { get; init; } = 1;

        public string Tag { get; init; } = "1.0.0";
    }

    [Fact]
    public void Namespace_labels_and_annotations_reach_objects_and_pod_templates_but_not_selectors()
    {
        using var dsl = new Dsl("prod");
        dsl.Globals.App("shop", env => new WebService("web") { Image = "nginx:1.27" });

        var manifest = dsl.Evaluate(e =>
        {
            e.Namespace = "shop-prod";
            e.Labels["env"] = "prod";
            e.Annotations["owner"] = "team-a";
        });

        var deployment = One(manifest, "Deployment");
        Assert.Equal("shop-prod", Text(deployment, "metadata.namespace"));
        Assert.Equal("prod", (string?)deployment["metadata"]!["labels"]!["env"]);
        Assert.Equal("team-a", (string?)deployment["metadata"]!["annotations"]!["owner"]);
        Assert.Equal("prod", (string?)At(deployment, "spec.template.metadata.labels")!["env"]);
        Assert.Null(At(deployment, "spec.selector.matchLabels")!["env"]);
        Assert.Equal("shop-prod", Text(One(manifest, "Service"), "metadata.namespace"));
    }

    [Fact]
    public void Standard_labels_are_added_unless_the_app_opts_out()
    {
        using var dsl = new Dsl("prod");
        dsl.Globals.App("shop", env => new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" } });
        dsl.Globals.App("bare", env => new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "plain" } }, standardLabels: false);

        var manifest = dsl.Evaluate();

        var labels = One(manifest, "ConfigMap", "settings")["metadata"]!["labels"]!;
        Assert.Equal("settings", (string?)labels["app.kubernetes.io/name"]);
        Assert.Equal("shop", (string?)labels["app.kubernetes.io/part-of"]);
        Assert.Equal("gitops", (string?)labels["app.kubernetes.io/managed-by"]);
        Assert.Equal("shop-prod", (string?)labels["app.kubernetes.io/instance"]);
        Assert.Null(One(manifest, "ConfigMap", "plain")["metadata"]!["labels"]);
    }

    [Fact]
    public void Typed_values_reach_apps_and_default_when_the_environment_sets_none()
    {
        using var prod = new Dsl("prod");
        prod.Globals.App("shop", env => new Worker("w") { Image = "a/b:" + env.Values<Settings>().Tag, Replicas = env.Values<Settings>().Replicas });
        using var dev = new Dsl("dev");
        dev.Globals.App("shop", env => new Worker("w") { Image = "a/b:" + env.Values<Settings>().Tag, Replicas = env.Values<Settings>().Replicas });

        var prodDeployment = One(prod.Evaluate(e => e.Values(new Settings { Replicas = 5, Tag = "2.0.0" })), "Deployment");
        var devDeployment = One(dev.Evaluate(), "Deployment");

        Assert.Equal(5, (int)At(prodDeployment, "spec.replicas")!);
        Assert.Equal("a/b:2.0.0", Text(prodDeployment, "spec.template.spec.containers.0.image"));
        Assert.Equal(1, (int)At(devDeployment, "spec.replicas")!);
        Assert.Equal("a/b:1.0.0", Text(devDeployment, "spec.template.spec.containers.0.image"));
    }

    [Fact]
    public void Image_overrides_match_by_name_and_replace_tag_name_or_digest()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[]
        {
            new Worker("a") { Image = "registry:5000/acme/api:1.0" },
            new Worker("b") { Image = "acme/web:1.0" },
            new Worker("c") { Image = "acme/other:3.0" },
        });

        var manifest = dsl.Evaluate(e =>
        {
            e.Image("registry:5000/acme/api", newTag: "1.1");
            e.Image("acme/web", newName: "mirror.local/acme/web", digest: "sha256:abc");
        });

        string Image(string name) => Text(One(manifest, "Deployment", name), "spec.template.spec.containers.0.image")!;
        Assert.Equal("registry:5000/acme/api:1.1", Image("a"));
        Assert.Equal("mirror.local/acme/web@sha256:abc", Image("b"));
        Assert.Equal("acme/other:3.0", Image("c"));
    }

    [Fact]
    public void Replica_overrides_set_the_named_workload_only()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[] { new Worker("a") { Image = "x:1" }, new Worker("b") { Image = "x:1" } });

        var manifest = dsl.Evaluate(e => e.Replicas["b"] = 7);

        Assert.Equal(1, (int)At(One(manifest, "Deployment", "a"), "spec.replicas")!);
        Assert.Equal(7, (int)At(One(manifest, "Deployment", "b"), "spec.replicas")!);
    }

    [Fact]
    public void Typed_patch_selects_by_app_and_name_and_edits_list_items_by_key()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[]
        {
            new WebService("api") { Image = "x:1", Env = { ["A"] = "1", ["B"] = "2" } },
            new WebService("web") { Image = "x:1" },
        });
        dsl.Globals.App("other", env => new WebService("worker") { Image = "x:1" });

        var manifest = dsl.Evaluate(e => e.Patch<V1Deployment>(app: "shop", name: "api", d =>
        {
            d.Spec.Template.Spec.PriorityClassName = "high";
            d.Container("api").SetEnv("A", "changed").SetEnv("C", "3").RemoveEnv("B");
        }));

        var api = One(manifest, "Deployment", "api");
        Assert.Equal("high", Text(api, "spec.template.spec.priorityClassName"));
        var env = At(api, "spec.template.spec.containers.0.env")!.AsArray().Select(v => $"{v!["name"]}={v["value"]}");
        Assert.Equal(["A=changed", "C=3"], env);
        Assert.Null(At(One(manifest, "Deployment", "web"), "spec.template.spec.priorityClassName"));
        Assert.Null(At(One(manifest, "Deployment", "worker"), "spec.template.spec.priorityClassName"));
    }

    [Fact]
    public void Patching_a_missing_container_names_the_containers_there_are()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new WebService("api") { Image = "x:1" });

        var error = Assert.Throws<DslException>(() => dsl.Evaluate(e => e.Patch<V1Deployment>(d => d.Container("sidecar").Image = "y:1")));

        Assert.Contains("no container named 'sidecar' (it has: api)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_prefix_and_suffix_rename_objects_and_rewrite_references()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[]
        {
            new ConfigMapGenerator("settings") { Literals = { ["a"] = "1" }, HashSuffix = false },
            new WebService("api")
            {
                Image = "x:1",
                CreateServiceAccount = true,
                EnvFromConfigMaps = { "settings" },
                Autoscale = new Autoscaling(1, 3),
                Ingress = new IngressOptions("a.example.com"),
            },
        });

        var manifest = dsl.Evaluate(e => { e.NamePrefix = "eu-"; e.NameSuffix = "-v2"; });

        var deployment = One(manifest, "Deployment");
        Assert.Equal("eu-api-v2", Text(deployment, "metadata.name"));
        Assert.Equal("eu-settings-v2", Text(deployment, "spec.template.spec.containers.0.envFrom.0.configMapRef.name"));
        Assert.Equal("eu-api-v2", Text(deployment, "spec.template.spec.serviceAccountName"));
        Assert.Equal("eu-api-v2", Text(One(manifest, "HorizontalPodAutoscaler"), "spec.scaleTargetRef.name"));
        Assert.Equal("eu-api-v2", Text(One(manifest, "Ingress"), "spec.rules.0.http.paths.0.backend.service.name"));
        Assert.Equal("api", (string?)deployment["metadata"]!["labels"]!["app.kubernetes.io/name"]);
    }
}

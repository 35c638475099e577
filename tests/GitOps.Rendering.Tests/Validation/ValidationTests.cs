using GitOps.Dsl;
using GitOps.Rendering.Validation;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Tests.Validation;

public sealed class ValidationTests
{
    private static RenderedObject Obj(string app, string json, bool allowSecret = false) =>
        new(app, JsonNode.Parse(json)!.AsObject(), new SourceLocation("gitops.csx", 3)) { AllowsLiteralSecretData = allowSecret };

    private static EnvironmentManifest Env(params RenderedObject[] objects) => Env(new ExternalReferences(), objects);

    private static EnvironmentManifest Env(ExternalReferences external, params RenderedObject[] objects) => new("prod", "shop", objects, external);

    private static string Deployment(string name = "web", string image = "nginx:1.27", string pod = "") =>
        """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","namespace":"shop"},"spec":{"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"c","image":"IMAGE"}]"""
        .Replace("NAME", name, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal) + pod + "}}}}";

    private static IReadOnlyList<string> Errors(EnvironmentManifest environment, bool strict = false) =>
        ManifestValidator.Validate(environment, strict).Where(i => i.Severity == IssueSeverity.Error).Select(i => i.ToString()).ToList();

    [Fact]
    public void Valid_environment_has_no_findings()
    {
        Assert.Empty(ManifestValidator.Validate(Env(Obj("shop", Deployment()))));
    }

    [Theory]
    [InlineData("Web_Server", "metadata.name: 'Web_Server' is not a DNS-1123 subdomain")]
    [InlineData("", "metadata.name: is missing")]
    [InlineData("-web", "is not a DNS-1123 subdomain")]
    public void Invalid_names_are_errors(string name, string expected)
    {
        var error = Assert.Single(Errors(Env(Obj("shop", Deployment(name)))));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.StartsWith($"error: prod/shop Deployment/{name} ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_names_must_be_dns_labels_without_dots()
    {
        var service = Obj("shop", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web.v2","namespace":"shop"},"spec":{}}""");

        Assert.Contains("is not a DNS-1123 label", Assert.Single(Errors(Env(service))), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"bad key!\":\"x\"", "label key 'bad key!' is invalid")]
    [InlineData("\"team\":\"has space\"", "label value 'has space' is invalid")]
    [InlineData("\"Example.COM/x\":\"y\"", "label key 'Example.COM/x' is invalid")]
    [InlineData("\"ok\":\"-starts-with-dash\"", "label value '-starts-with-dash' is invalid")]
    public void Invalid_labels_name_the_field(string label, string expected)
    {
        var map = Obj("shop", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"shop","labels":{""" + label + "}}}");

        var error = Assert.Single(Errors(Env(map)));

        Assert.Contains("ConfigMap/cfg metadata.labels[", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_across_apps_name_both_apps()
    {
        var error = Assert.Single(Errors(Env(Obj("shop", Deployment()), Obj("admin", Deployment()))));

        Assert.Contains("duplicate Deployment 'web' in namespace 'shop': apps 'shop' and 'admin' both define it", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Same_name_in_different_namespaces_is_no_duplicate()
    {
        var other = Obj("admin", Deployment().Replace("\"namespace\":\"shop\"", "\"namespace\":\"admin\"", StringComparison.Ordinal));

        Assert.Empty(Errors(Env(Obj("shop", Deployment()), other)));
    }

    [Theory]
    [InlineData(""","volumes":[{"name":"v","configMap":{"name":"settings"}}]""", "spec.template.spec.volumes[0].configMap.name: references ConfigMap 'settings'")]
    [InlineData(""","volumes":[{"name":"v","persistentVolumeClaim":{"claimName":"data"}}]""", "references PersistentVolumeClaim 'data'")]
    [InlineData(""","serviceAccountName":"robot" """, "spec.template.spec.serviceAccountName: references ServiceAccount 'robot'")]
    [InlineData(""","imagePullSecrets":[{"name":"regcred"}]""", "references Secret 'regcred'")]
    public void Dangling_pod_references_are_errors(string pod, string expected)
    {
        var error = Assert.Single(Errors(Env(Obj("shop", Deployment(pod: pod)))));

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Contains("e.External.", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Env_from_and_value_from_references_are_checked_too()
    {
        var deployment = Obj("shop", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"shop"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"x:1","envFrom":[{"secretRef":{"name":"db"}}],"env":[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"cfg","key":"a"}}},{"name":"B","valueFrom":{"configMapKeyRef":{"name":"maybe","key":"b","optional":true}}}]}]}}}}""");

        var errors = Errors(Env(deployment));

        Assert.Equal(2, errors.Count);
        Assert.Contains("spec.template.spec.containers[0].envFrom[0].secretRef.name: references Secret 'db'", errors[0], StringComparison.Ordinal);
        Assert.Contains("spec.template.spec.containers[0].env[0].valueFrom.configMapKeyRef.name: references ConfigMap 'cfg'", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void References_to_defined_or_external_objects_pass()
    {
        var external = new ExternalReferences();
        external.Secrets.Add("db");
        var deployment = Obj("shop", Deployment(pod: ""","volumes":[{"name":"v","configMap":{"name":"cfg"}},{"name":"s","secret":{"secretName":"db"}}]"""));
        var map = Obj("shop", """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg","namespace":"shop"}}""");

        Assert.Empty(Errors(Env(external, deployment, map)));
    }

    [Fact]
    public void Service_selecting_no_pod_template_is_an_error()
    {
        var service = Obj("shop", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"app":"wbe"}}}""");

        var error = Assert.Single(Errors(Env(Obj("shop", Deployment()), service)));

        Assert.Contains("Service/web spec.selector: selector app=wbe matches no pod template", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Service_selecting_a_pod_template_passes()
    {
        var service = Obj("shop", """{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},"spec":{"selector":{"app":"web"}}}""");

        Assert.Empty(Errors(Env(Obj("shop", Deployment()), service)));
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("nginx:latest")]
    [InlineData("registry:5000/nginx")]
    public void Unpinned_images_warn_and_fail_under_strict(string image)
    {
        var environment = Env(Obj("shop", Deployment(image: image)));

        var warning = Assert.Single(ManifestValidator.Validate(environment));
        Assert.Equal(IssueSeverity.Warning, warning.Severity);
        Assert.Equal("spec.template.spec.containers[0].image", warning.Field);
        Assert.Single(Errors(environment, strict: true));
    }

    [Theory]
    [InlineData("registry:5000/nginx:1.27")]
    [InlineData("nginx@sha256:0123456789abcdef")]
    public void Pinned_images_pass(string image)
    {
        Assert.Empty(ManifestValidator.Validate(Env(Obj("shop", Deployment(image: image))), strict: true));
    }

    [Fact]
    public void Secret_with_literal_data_is_refused_and_points_to_sealed_secrets()
    {
        var secret = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"shop"},"stringData":{"password":"hunter2"}}""";

        var error = Assert.Single(Errors(Env(Obj("shop", secret))));

        Assert.StartsWith("error: prod/shop Secret/db stringData: holds literal secret data", error, StringComparison.Ordinal);
        Assert.Contains("SealedSecret", error, StringComparison.Ordinal);
        Assert.Empty(Errors(Env(Obj("shop", secret, allowSecret: true))));
    }

    [Fact]
    public void Empty_environment_is_an_error()
    {
        var error = Assert.Single(Errors(Env()));

        Assert.StartsWith("error: environment prod: renders no objects", error, StringComparison.Ordinal);
    }
}

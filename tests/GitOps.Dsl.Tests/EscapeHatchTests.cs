using k8s.Models;
using static GitOps.Dsl.Tests.Dsl;

namespace GitOps.Dsl.Tests;

public sealed class EscapeHatchTests
{
    [Fact]
    public void Raw_models_get_api_version_and_kind_from_their_type()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new V1NetworkPolicy { Metadata = new V1ObjectMeta { Name = "deny" }, Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector() } });

        var policy = One(dsl.Evaluate(), "NetworkPolicy");

        Assert.Equal("networking.k8s.io/v1", Text(policy, "apiVersion"));
        Assert.Equal("deny", Text(policy, "metadata.name"));
    }

    [Fact]
    public void Custom_objects_render_exactly_as_given_with_the_namespace_filled_in()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new CustomObject("cert-manager.io/v1", "Certificate", "web-tls")
        {
            Spec = new Dictionary<string, object?>
            {
                ["secretName"] = "web-tls",
                ["dnsNames"] = new[] { "a.example.com", "b.example.com" },
                ["duration"] = "2160h",
                ["privateKey"] = new Dictionary<string, object?> { ["size"] = 4096, ["rotationPolicy"] = "Always" },
            },
        });

        var certificate = dsl.Evaluate(e => e.Namespace = "shop").Objects.Single();

        Assert.Equal(
            """{"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"name":"web-tls","namespace":"shop"},"spec":{"secretName":"web-tls","dnsNames":["a.example.com","b.example.com"],"duration":"2160h","privateKey":{"size":4096,"rotationPolicy":"Always"}}}""",
            certificate.Manifest.ToJsonString());
    }

    [Fact]
    public void Included_yaml_files_keep_every_value_and_type()
    {
        using var dsl = new Dsl();
        dsl.Write("legacy/redis.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: legacy
            data:
              port: "6379"
              enabled: "yes"
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: redis
              namespace: shared
            spec:
              ports:
                - port: 6379
                  targetPort: 6379
              publishNotReadyAddresses: true
            """);
        dsl.Globals.App("legacy", env => new YamlFile("legacy/redis.yaml", callerFile: "gitops.csx"));

        var objects = dsl.Evaluate(e => e.Namespace = "dev").Objects;

        Assert.Equal(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"legacy","namespace":"dev"},"data":{"port":"6379","enabled":"yes"}}""",
            objects[0].Manifest.ToJsonString());
        Assert.Equal(
            """{"apiVersion":"v1","kind":"Service","metadata":{"name":"redis","namespace":"shared"},"spec":{"ports":[{"port":6379,"targetPort":6379}],"publishNotReadyAddresses":true}}""",
            objects[1].Manifest.ToJsonString());
    }

    [Fact]
    public void Literal_secret_opt_in_is_per_object()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[]
        {
            new V1Secret { Metadata = new V1ObjectMeta { Name = "a" }, StringData = new Dictionary<string, string> { ["k"] = "v" } }.AllowLiteralDataInGit(),
            new V1Secret { Metadata = new V1ObjectMeta { Name = "b" }, StringData = new Dictionary<string, string> { ["k"] = "v" } },
        });

        var objects = dsl.Evaluate().Objects;

        Assert.True(objects.Single(o => o.Name == "a").AllowsLiteralSecretData);
        Assert.False(objects.Single(o => o.Name == "b").AllowsLiteralSecretData);
    }

    [Fact]
    public void App_yielding_something_else_is_an_error_naming_app_and_line()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[] { 42 }, file: "gitops.csx", line: 7);

        var error = Assert.Throws<DslException>(() => dsl.Evaluate());

        Assert.StartsWith("gitops.csx(7): app 'shop' yielded a Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Environment_name_must_match_its_file()
    {
        using var dsl = new Dsl("prod");

        var error = Assert.Throws<DslException>(() => dsl.Globals.Environment("production", e => { }, file: "environments/prod.csx", line: 2));

        Assert.Equal("environments/prod.csx(2): Environment(\"production\") does not match the file name; environments/prod.csx must declare Environment(\"prod\", ...).", error.Message);
    }
}

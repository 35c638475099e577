using k8s.Models;
using static GitOps.Dsl.Tests.Dsl;

namespace GitOps.Dsl.Tests;

public sealed class GeneratorTests
{
    [Fact]
    public void ConfigMap_generator_reads_files_relative_to_the_script_and_hashes_the_name()
    {
        using var dsl = new Dsl();
        dsl.Write("apps/shop/nginx.conf", "server {}\n");
        dsl.Globals.App("shop", env => new ConfigMapGenerator("web-config", callerFile: "apps/shop/app.csx")
        {
            Files = { "nginx.conf", "renamed.conf=nginx.conf" },
            Literals = { ["MODE"] = "fast" },
        });

        var map = One(dsl.Evaluate(), "ConfigMap");

        Assert.Matches("^web-config-[0-9a-f]{10}$", Text(map, "metadata.name"));
        Assert.Equal("server {}\n", (string?)map["data"]!["nginx.conf"]);
        Assert.Equal("server {}\n", (string?)map["data"]!["renamed.conf"]);
        Assert.Equal("fast", (string?)map["data"]!["MODE"]);
    }

    [Fact]
    public void Hash_changes_with_content_and_every_pod_reference_follows_it()
    {
        string Render(string value)
        {
            using var dsl = new Dsl();
            dsl.Globals.App("shop", env => new object[]
            {
                new ConfigMapGenerator("cfg") { Literals = { ["k"] = value } },
                new V1Deployment
                {
                    Metadata = new V1ObjectMeta { Name = "api" },
                    Spec = new V1DeploymentSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "api" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "api" } },
                            Spec = new V1PodSpec
                            {
                                Containers =
                                [
                                    new V1Container
                                    {
                                        Name = "api",
                                        Image = "x:1",
                                        EnvFrom = [new V1EnvFromSource { ConfigMapRef = new V1ConfigMapEnvSource { Name = "cfg" } }],
                                        Env = [new V1EnvVar { Name = "K", ValueFrom = new V1EnvVarSource { ConfigMapKeyRef = new V1ConfigMapKeySelector { Name = "cfg", Key = "k" } } }],
                                    },
                                ],
                                Volumes = [new V1Volume { Name = "c", ConfigMap = new V1ConfigMapVolumeSource { Name = "cfg" } }],
                            },
                        },
                    },
                },
            });
            var manifest = dsl.Evaluate();
            var name = Text(One(manifest, "ConfigMap"), "metadata.name")!;
            var pod = At(One(manifest, "Deployment"), "spec.template.spec")!;
            Assert.Equal(name, Text(pod, "containers.0.envFrom.0.configMapRef.name"));
            Assert.Equal(name, Text(pod, "containers.0.env.0.valueFrom.configMapKeyRef.name"));
            Assert.Equal(name, Text(pod, "volumes.0.configMap.name"));
            return name;
        }

        Assert.Equal(Render("one"), Render("one"));
        Assert.NotEqual(Render("one"), Render("two"));
    }

    [Fact]
    public void Secret_generator_base64_encodes_and_records_the_opt_in()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new object[]
        {
            new SecretGenerator("plain") { Literals = { ["user"] = "admin" } },
            new SecretGenerator("allowed") { Literals = { ["user"] = "admin" }, AllowLiteralDataInGit = true },
        });

        var manifest = dsl.Evaluate();

        var plain = manifest.Objects.Single(o => o.Name.StartsWith("plain-", StringComparison.Ordinal));
        Assert.Equal("YWRtaW4=", (string?)plain.Manifest["data"]!["user"]);
        Assert.Equal("Opaque", (string?)plain.Manifest["type"]);
        Assert.False(plain.AllowsLiteralSecretData);
        Assert.True(manifest.Objects.Single(o => o.Name.StartsWith("allowed-", StringComparison.Ordinal)).AllowsLiteralSecretData);
    }

    [Fact]
    public void Generator_file_outside_the_repository_is_refused()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new ConfigMapGenerator("cfg", callerFile: "gitops.csx") { Files = { "../../etc/passwd" } });

        var error = Assert.Throws<DslException>(() => dsl.Evaluate());

        Assert.Contains("outside the repository", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_generator_file_names_the_file_and_the_script()
    {
        using var dsl = new Dsl();
        dsl.Globals.App("shop", env => new ConfigMapGenerator("cfg", callerFile: "teams/a/app.csx") { Files = { "missing.conf" } });

        var error = Assert.Throws<DslException>(() => dsl.Evaluate());

        Assert.Contains("'missing.conf' does not exist (looked for teams/a/missing.conf, relative to teams/a/app.csx)", error.Message, StringComparison.Ordinal);
    }
}

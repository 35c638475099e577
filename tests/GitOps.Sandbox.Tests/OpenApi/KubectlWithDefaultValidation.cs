using GitOps.Sandbox.Tests.Support;

namespace GitOps.Sandbox.Tests.OpenApi;

/// <summary>kubectl with its defaults (validation on, no flags) against the sandbox: the OpenAPI documents at work.</summary>
public sealed class KubectlWithDefaultValidation
{
    private const string MisspeltService = """
        apiVersion: v1
        kind: Service
        metadata:
          name: misspelt
        spec:
          ports:
          - port: 80
            targetPrt: 8080
          selectr:
            app: web
        """;

    [Fact]
    public async Task Server_side_apply_of_sock_shop_succeeds()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", Corpus.Path("sock-shop"));

        result.EnsureSuccess();
        Assert.Contains("deployment.apps/carts serverside-applied", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("ingress.networking.k8s.io/front-end-ingress serverside-applied", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("validate", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_side_apply_of_sock_shop_succeeds_and_a_second_apply_changes_nothing()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var first = await sandbox.Kubectl.RunAsync("apply", "-f", Corpus.Path("sock-shop"));
        var second = await sandbox.Kubectl.RunAsync("apply", "-f", Corpus.Path("sock-shop"));

        first.EnsureSuccess();
        Assert.Contains("deployment.apps/carts created", first.Stdout, StringComparison.Ordinal);
        second.EnsureSuccess();
        Assert.Contains("deployment.apps/carts unchanged", second.Stdout, StringComparison.Ordinal);
        Assert.Empty(second.Stderr);
    }

    [Fact]
    public async Task Explain_describes_a_field_from_the_openapi_v3_document()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("explain", "deployment.spec.replicas");

        result.EnsureSuccess();
        Assert.Contains("FIELD: replicas <integer>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Number of desired pods", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_lists_the_fields_of_a_nested_type()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("explain", "pod.spec.containers");

        result.EnsureSuccess();
        Assert.Contains("FIELD: containers <[]Container>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("imagePullPolicy\t<string>", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_side_apply_rejects_misspelt_fields_naming_them()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("service.yaml", MisspeltService));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "Service in version \"v1\" cannot be handled as a Service: strict decoding error: unknown field \"spec.ports[0].targetPrt\", unknown field \"spec.selectr\"",
            result.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("No resources found", (await sandbox.Kubectl.RunAsync("get", "services")).Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_side_apply_rejects_misspelt_fields_naming_them()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("apply", "--server-side", "-f", sandbox.WriteFile("service.yaml", MisspeltService));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("failed to create typed patch object (default/misspelt; /v1, Kind=Service)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(".spec.selectr: field not declared in schema", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_warn_applies_and_prints_the_warning()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("apply", "--validate=warn", "-f", sandbox.WriteFile("service.yaml", MisspeltService));

        result.EnsureSuccess();
        Assert.Contains("service/misspelt created", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Warning: unknown field \"spec.selectr\"", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Warning: unknown field \"spec.ports[0].targetPrt\"", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_manifests_are_validated_client_side_from_the_openapi_v2_protobuf()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        const string list = """
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: ConfigMap
              metadata:
                name: listed
              data:
                a: b
            """;

        var good = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("list.yaml", list));
        var bad = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("bad-list.yaml", list + "\n  dataa: x\n"));

        good.EnsureSuccess();
        Assert.Contains("configmap/listed created", good.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("unknown field \"dataa\" in io.k8s.api.core.v1.ConfigMap", bad.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_also_works_from_the_openapi_v2_document()
    {
        await using var sandbox = await SandboxSession.StartAsync();

        var result = await sandbox.Kubectl.RunAsync("explain", "deployment.spec.replicas", "--output", "plaintext-openapiv2");

        result.EnsureSuccess();
        Assert.Contains("FIELD:    replicas <integer>", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Number of desired pods", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_resources_are_validated_against_their_crd_schema()
    {
        await using var sandbox = await SandboxSession.StartAsync();
        var crd = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("crd.json", CrdSchemas.CronTabCrd));
        crd.EnsureSuccess();
        await sandbox.Kubectl.RunAsync("wait", "--for=condition=Established", "crd/crontabs.stable.example.com", "--timeout=30s");

        var good = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("good.yaml", """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: nightly
            spec:
              cronSpec: "0 3 * * *"
              jobs:
              - name: backup
            """));
        var bad = await sandbox.Kubectl.RunAsync("apply", "-f", sandbox.WriteFile("bad.yaml", """
            apiVersion: stable.example.com/v1
            kind: CronTab
            metadata:
              name: hourly
            spec:
              cronSpek: "0 * * * *"
            """));
        var explain = await sandbox.Kubectl.RunAsync("explain", "crontab.spec");

        good.EnsureSuccess();
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("unknown field \"spec.cronSpek\"", bad.Stderr, StringComparison.Ordinal);
        explain.EnsureSuccess();
        Assert.Contains("cronSpec\t<string>", explain.Stdout, StringComparison.Ordinal);
    }
}

using GitOps.Rendering.Import;

namespace GitOps.Rendering.Tests.Import;

public sealed class UntypedFallbackTests
{
    [Fact]
    public void Objects_a_typed_model_cannot_hold_exactly_are_kept_untyped_and_reported()
    {
        using var temp = new TempFolder();
        var input = temp.Write("in/odd.yaml", """
            apiVersion: v1
            kind: Service
            metadata: { name: quoted-port }
            spec:
              ports: [{ port: 80, targetPort: "8080" }]
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: { name: future }
            spec:
              selector: { matchLabels: { app: future } }
              template:
                metadata: { labels: { app: future } }
                spec:
                  containers: [{ name: app, image: "nginx:1.27" }]
                  someFieldFromTheFuture: { enabled: yes }
            ---
            apiVersion: v1
            kind: Service
            metadata: { name: plain }
            spec:
              ports: [{ port: 80 }]
            """);

        var result = RepositoryImporter.Import(ImportHarness.Single("odd", Path.GetDirectoryName(input)!));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        var app = result.Files["apps/odd.csx"];
        Assert.Contains("new CustomObject(\"v1\", \"Service\", \"quoted-port\")", app, StringComparison.Ordinal);
        Assert.Contains("new CustomObject(\"apps/v1\", \"Deployment\", \"future\")", app, StringComparison.Ordinal);
        Assert.Contains("new V1Service", app, StringComparison.Ordinal);
        Assert.Contains(result.Notes, note => note.Contains("quoted-port", StringComparison.Ordinal) && note.Contains("spec.ports[0].targetPort", StringComparison.Ordinal));
        Assert.Contains(result.Notes, note => note.Contains("future", StringComparison.Ordinal) && note.Contains("someFieldFromTheFuture", StringComparison.Ordinal));
    }

    [Fact]
    public void Multi_line_strings_become_raw_literals_that_keep_every_character()
    {
        using var temp = new TempFolder();
        var input = temp.Write("in/cm.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: files }
            data:
              nginx.conf: |
                server {
                    listen 80;   # "quoted" \ backslash
                }
              trailing: "two newlines\n\n"
              tab: "a\tb\nc"
            """);

        var result = RepositoryImporter.Import(ImportHarness.Single("files", Path.GetDirectoryName(input)!));
        var root = ImportHarness.WriteRepository(result, temp);

        ImportHarness.AssertRoundTrip(result, root);
        Assert.Contains("\"\"\"", result.Files["apps/files.csx"], StringComparison.Ordinal);
    }
}

namespace GitOps.Cli.Tests;

public sealed class ImportCommandTests : IDisposable
{
    private readonly string temp = Path.Combine(Path.GetTempPath(), "gitops-import-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public ImportCommandTests() => Directory.CreateDirectory(temp);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(temp, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int exit;
        if (args[0] == "crd")
        {
            var crd = new ImportCrdCommand();
            exit = crd.RunAsync(crd.Build().Parse(args[1..]), stdout, stderr, TestContext.Current.CancellationToken).GetAwaiter().GetResult();
        }
        else
        {
            var command = new ImportCommand();
            exit = command.Run(command.Build().Parse(args), stdout, stderr);
        }

        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void A_file_that_is_not_yaml_fails_naming_the_file_and_writes_nothing()
    {
        var file = Write("notes.yaml", "key: [unclosed\n");
        var output = Path.Combine(temp, "out");

        var (exit, _, error) = Run(file, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}(2,1): invalid YAML", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void A_document_that_is_not_a_kubernetes_object_fails_naming_file_and_document()
    {
        Write("in/app.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nname: just some settings\n");
        var output = Path.Combine(temp, "out");

        var (exit, _, error) = Run(Path.Combine(temp, "in"), "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("app.yaml: document 2 is not a Kubernetes object", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
        Assert.Empty(Directory.GetDirectories(temp, ".out.import-*"));
    }

    [Fact]
    public void A_crd_without_a_schema_fails_and_writes_nothing()
    {
        var file = Write("crd.yaml", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: { name: gadgets.example.com }
            spec:
              group: example.com
              names: { kind: Gadget, plural: gadgets }
              scope: Namespaced
              versions: [{ name: v1, served: true, storage: true }]
            """);
        var output = Path.Combine(temp, "crds");

        var (exit, _, error) = Run("crd", file, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("crd.yaml (document 1, CustomResourceDefinition gadgets.example.com): version v1 of Gadget has no schema.openAPIV3Schema", error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Importing_into_a_folder_that_is_not_empty_is_refused()
    {
        var file = Write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n");
        var output = Path.Combine(temp, "out");
        Write("out/keep.txt", "mine");

        var (exit, _, error) = Run(file, "--out", output);

        Assert.Equal(1, exit);
        Assert.Contains("already exists and is not empty", error, StringComparison.Ordinal);
        Assert.Equal(["keep.txt"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Import_writes_a_repository_that_it_verified_by_rendering()
    {
        var file = Write("guestbook/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: guestbook}\ndata: {color: blue}\n");
        var output = Path.Combine(temp, "repo");

        var (exit, stdout, error) = Run(file, "--out", output, "--cache-dir", Path.Combine(temp, "cache"));

        Assert.True(exit == 0, error);
        Assert.Contains("verified: rendering", stdout, StringComparison.Ordinal);
        Assert.Equal(["apps/guestbook.csx", "environments/default.csx", "gitops.csx"],
            Directory.GetFiles(output, "*.csx", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order(StringComparer.Ordinal));
    }
}

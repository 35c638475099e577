using GitOps.Dsl;
using GitOps.Rendering.Import;
using k8s.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Tests.Import;

/// <summary>Imports into a temp folder, compiles and evaluates the generated scripts, and compares with the input.</summary>
internal static class ImportHarness
{
    private static readonly string[] Imports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Text.Json.Nodes",
        "GitOps.Dsl", "k8s.Models",
    ];

    public static string CorpusFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "corpus", name);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"shared/corpus/{name} not found above {AppContext.BaseDirectory}");
    }

    public static ImportRequest Single(string app, params string[] inputs) =>
        new([KeyValuePair.Create("default", (IReadOnlyList<string>)inputs)], null, app);

    /// <summary>Writes the import into a fresh folder and returns it.</summary>
    public static string WriteRepository(ImportResult result, TempFolder temp)
    {
        var root = Path.Combine(temp.Path, "repo");
        RepositoryImporter.Write(result.Files, root);
        return root;
    }

    /// <summary>Compiles gitops.csx + environments/env.csx; fails the test on any error or warning.</summary>
    public static EnvironmentManifest Evaluate(string root, string environment)
    {
        var options = ScriptOptions.Default
            .WithReferences(typeof(ScriptGlobals).Assembly, typeof(V1Deployment).Assembly)
            .WithImports(Imports)
            .WithSourceResolver(new SourceFileResolver([], root))
            .WithFilePath(Path.Combine(root, environment + ".render"));
        var script = CSharpScript.Create($"#load \"gitops.csx\"\n#load \"environments/{environment}.csx\"\n", options, typeof(ScriptGlobals));
        var diagnostics = script.Compile().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(diagnostics.Count == 0, string.Join("\n", diagnostics));
        var globals = new ScriptGlobals(root, environment);
        script.RunAsync(globals).GetAwaiter().GetResult();
        return EnvironmentEvaluator.Evaluate(globals);
    }

    /// <summary>Asserts that each environment renders exactly the expected objects (key order and nulls aside).</summary>
    public static void AssertRoundTrip(ImportResult result, string root)
    {
        foreach (var (environment, expected) in result.Expected)
        {
            var rendered = Evaluate(root, environment).Objects.Select(o => o.Manifest).ToList();
            var byKey = rendered.ToDictionary(Key, StringComparer.Ordinal);
            Assert.Equal(expected.Select(Key).Order(StringComparer.Ordinal), byKey.Keys.Order(StringComparer.Ordinal));
            foreach (var want in expected)
            {
                var got = byKey[Key(want)];
                var difference = JsonTrees.FirstDifference(want, got);
                Assert.True(difference is null, $"{environment} {Key(want)} differs at {difference}:\nwant {JsonTrees.Canonical(want)}\ngot  {JsonTrees.Canonical(got)}");
            }
        }
    }

    private static string Key(JsonObject manifest) =>
        $"{manifest["apiVersion"]}/{manifest["kind"]}/{manifest["metadata"]?["namespace"]}/{manifest["metadata"]?["name"]}";
}

/// <summary>A temp folder removed on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gitops-import-" + Guid.NewGuid().ToString("N")[..12]);

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Write(string relative, string content)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

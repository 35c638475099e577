using GitOps.Dsl;
using k8s.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Compiles one environment: a tiny root script that <c>#load</c>s <c>gitops.csx</c> and then
/// <c>environments/&lt;env&gt;.csx</c>, so the environment script continues the root one and can use every type
/// declared there (a misspelt value is a compile error).
/// </summary>
internal static class ScriptCompiler
{
    public static readonly string[] Imports =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Text.Json.Nodes",
        "GitOps.Dsl", "k8s.Models",
    ];

    private static readonly string[] RuntimeAssemblyNames =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections", "System.Collections.Concurrent",
        "System.Linq", "System.Linq.Expressions", "System.ObjectModel", "System.Text.Json", "System.Text.RegularExpressions",
        "System.Memory", "System.Runtime.Extensions", "System.Console", "System.Net.Primitives", "System.Text.Encoding.Extensions",
    ];

    // Shared across compilations: Roslyn caches metadata per reference object, and KubernetesClient is large.
    private static readonly MetadataReference[] References =
    [
        .. RuntimeAssemblies().Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(ScriptGlobals).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(V1Deployment).Assembly.Location),
    ];

    public static string RootText(string environment) =>
        $"#load \"{RenderPaths.RootScript}\"\n#load \"{RenderPaths.EnvironmentScript(environment)}\"\n";

    /// <summary>The root script's name: at the repository root, so its <c>#load</c>s resolve from there.</summary>
    public static string RootPath(string environment) => $"{environment}.render";

    /// <summary>
    /// The .NET assemblies scripts compile against, from the running runtime. Named explicitly because
    /// <c>#r</c> resolution is off (see <see cref="NoMetadataReferences"/>), which also disables Roslyn's defaults.
    /// </summary>
    private static IEnumerable<string> RuntimeAssemblies() =>
        RuntimeAssemblyNames.Select(TrustedPlatformAssemblies.Find).OfType<string>();

    public static CompiledScript Compile(string repositoryRoot, string environment)
    {
        var resolver = new RepositorySourceResolver(repositoryRoot);
        var options = ScriptOptions.Default
            .WithReferences(References)
            .WithImports(Imports)
            .WithSourceResolver(resolver)
            .WithMetadataResolver(NoMetadataReferences.Instance)
            .WithFilePath(RootPath(environment))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Debug); // exact line numbers in runtime errors matter more than speed here
        // A stream (not a string) gives the root text an encoding, which emitting debug information requires.
        using var rootText = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(RootText(environment)));
        var compilation = CSharpScript.Create(rootText, options, typeof(ScriptGlobals)).GetCompilation();

        var ours = ScriptDirectives.Check(compilation, resolver);
        var oursAt = ours.Select(d => (d.File, d.Line)).ToHashSet();
        using var assembly = new MemoryStream();
        using var symbols = new MemoryStream();
        var result = compilation.Emit(assembly, symbols, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        var errors = ours.Concat(result.Diagnostics
                .Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(ScriptDiagnostic.From)
                .Where(d => !oursAt.Contains((d.File, d.Line))))
            .OrderBy(d => d.File, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)
            .ToList();
        if (errors.Count > 0)
        {
            throw new ScriptException(errors);
        }

        var entry = compilation.GetEntryPoint(CancellationToken.None)
            ?? throw new ScriptException($"the compiled script for environment '{environment}' has no entry point");
        var sources = compilation.SyntaxTrees
            .Where(tree => tree.FilePath != RootPath(environment))
            .ToDictionary(tree => tree.FilePath, tree => ScriptCache.Hash(File.ReadAllBytes(Path.Combine(repositoryRoot, tree.FilePath))), StringComparer.Ordinal);
        return new CompiledScript(assembly.ToArray(), symbols.ToArray(), entry.ContainingType.MetadataName, entry.MetadataName, sources);
    }
}

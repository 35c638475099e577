using GitOps.Dsl;

namespace GitOps.Rendering.Scripting;

/// <summary>What evaluating one environment produced, and whether the compiled script came from the cache.</summary>
/// <param name="Manifest">The environment's objects.</param>
/// <param name="FromCache">True when compilation was skipped.</param>
public sealed record ScriptEvaluation(EnvironmentManifest Manifest, bool FromCache);

/// <summary>
/// Compiles (or loads from the on-disk cache) and runs the scripts of a config repository, one environment at a
/// time: <c>gitops.csx</c> continued by <c>environments/&lt;env&gt;.csx</c>.
/// </summary>
/// <param name="repositoryRoot">The config repository.</param>
/// <param name="cacheDirectory">Where compiled scripts are kept; <see cref="DefaultCacheDirectory"/> unless given.</param>
public sealed class ScriptHost(string repositoryRoot, string? cacheDirectory = null)
{
    private readonly ScriptCache cache = new(cacheDirectory ?? ScriptCache.DefaultDirectory());

    /// <summary>The repository root.</summary>
    public string RepositoryRoot { get; } = Path.GetFullPath(repositoryRoot);

    /// <summary>The cache folder used when none is given (see the README).</summary>
    public static string DefaultCacheDirectory => ScriptCache.DefaultDirectory();

    /// <summary>Evaluates one environment; throws <see cref="ScriptException"/> with file and line on any error.</summary>
    public ScriptEvaluation Evaluate(string environment)
    {
        if (!File.Exists(Path.Combine(RepositoryRoot, RenderPaths.RootScript)))
        {
            throw new ScriptException($"{RenderPaths.RootScript} not found in {RepositoryRoot}; a config repository declares its apps there.");
        }

        if (!File.Exists(Path.Combine(RepositoryRoot, RenderPaths.EnvironmentScript(environment))))
        {
            var known = RenderPaths.Environments(RepositoryRoot);
            throw new ScriptException($"environment '{environment}' has no script {RenderPaths.EnvironmentScript(environment)}; known environments: {(known.Count > 0 ? string.Join(", ", known) : "none")}.");
        }

        string key;
        CompiledScript? compiled;
        using (TimingTrace.Measure($"{environment}: cache key and lookup"))
        {
            key = ScriptCache.Key(RepositoryRoot, environment);
            compiled = cache.TryLoad(RepositoryRoot, key);
        }

        var fromCache = compiled is not null;
        if (compiled is null)
        {
            using var compiling = TimingTrace.Measure($"{environment}: compile and store");
            compiled = ScriptCompiler.Compile(RepositoryRoot, environment);
            cache.Store(key, compiled);
        }

        using var running = TimingTrace.Measure($"{environment}: run script and evaluate");
        var globals = new ScriptGlobals(RepositoryRoot, environment);
        return new ScriptEvaluation(ScriptRunner.Run(compiled, globals), fromCache);
    }
}

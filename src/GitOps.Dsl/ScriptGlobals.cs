using System.Runtime.CompilerServices;

namespace GitOps.Dsl;

/// <summary>
/// What every gitops script can call without qualification: <c>App(...)</c> in <c>gitops.csx</c> and
/// <c>Environment(...)</c> in <c>environments/&lt;env&gt;.csx</c>.
/// </summary>
public sealed class ScriptGlobals
{
    private readonly List<AppDefinition> apps = [];

    internal ScriptGlobals(string repositoryRoot, string environmentName)
    {
        RepositoryRoot = repositoryRoot;
        EnvironmentName = environmentName;
    }

    internal string RepositoryRoot { get; }

    internal string EnvironmentName { get; }

    internal IReadOnlyList<AppDefinition> Apps => apps;

    internal EnvironmentBuilder? DefinedEnvironment { get; private set; }

    /// <summary>
    /// Declares an app: a named unit whose objects <paramref name="build"/> yields for each environment.
    /// The result may be a component (<see cref="WebService"/>, <see cref="Worker"/>, ...), a generator, a raw
    /// <c>k8s.Models</c> object, a <see cref="CustomObject"/>, a <see cref="YamlFile"/>, or a collection of those.
    /// </summary>
    /// <param name="name">The app name; becomes the <c>app.kubernetes.io/part-of</c> label and the folder in the rendered tree.</param>
    /// <param name="build">Builds the app's objects for one environment.</param>
    /// <param name="standardLabels">False to leave out the <c>app.kubernetes.io/*</c> labels on this app's objects.</param>
    /// <param name="file">Filled in by the compiler: the calling script.</param>
    /// <param name="line">Filled in by the compiler: the calling line.</param>
    public AppDefinition App(
        string name,
        Func<AppEnvironment, object> build,
        bool standardLabels = true,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(build);
        var app = new AppDefinition(name, build, standardLabels, new SourceLocation(file, line));
        apps.Add(app);
        return app;
    }

    /// <summary>Declares an app whose builder returns a collection, e.g. <c>env => [service, worker]</c>.</summary>
    /// <inheritdoc cref="App(string, Func{AppEnvironment, object}, bool, string, int)"/>
    public AppDefinition App(
        string name,
        Func<AppEnvironment, IEnumerable<object>> build,
        bool standardLabels = true,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(build);
        return App(name, env => (object)build(env), standardLabels, file, line);
    }

    /// <summary>
    /// Declares the environment this script describes: its namespace, labels, image and replica overrides,
    /// typed values and patches. Called once, in <c>environments/&lt;name&gt;.csx</c>.
    /// </summary>
    /// <param name="name">The environment name; must match the file name (<c>environments/prod.csx</c> declares <c>"prod"</c>).</param>
    /// <param name="configure">Sets the environment up.</param>
    /// <param name="file">Filled in by the compiler: the calling script.</param>
    /// <param name="line">Filled in by the compiler: the calling line.</param>
    public void Environment(
        string name,
        Action<EnvironmentBuilder> configure,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var location = new SourceLocation(file, line);
        if (DefinedEnvironment is not null)
        {
            throw new DslException($"{location}: Environment(...) is called a second time; each environment script declares exactly one environment (first at {DefinedEnvironment.Source}).");
        }

        if (!string.Equals(name, EnvironmentName, StringComparison.Ordinal))
        {
            throw new DslException($"{location}: Environment(\"{name}\") does not match the file name; environments/{EnvironmentName}.csx must declare Environment(\"{EnvironmentName}\", ...).");
        }

        var builder = new EnvironmentBuilder(name, location);
        configure(builder);
        DefinedEnvironment = builder;
    }
}

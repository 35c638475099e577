namespace GitOps.Dsl;

/// <summary>What a component knows while it builds: its app and the environment.</summary>
public sealed class ComponentContext
{
    internal ComponentContext(string appName, AppEnvironment environment)
    {
        AppName = appName;
        Environment = environment;
    }

    /// <summary>The app the component belongs to.</summary>
    public string AppName { get; }

    /// <summary>The environment being rendered.</summary>
    public AppEnvironment Environment { get; }

    /// <summary>The labels a component's selector uses: <c>app.kubernetes.io/name</c> and <c>app.kubernetes.io/part-of</c>.</summary>
    public IDictionary<string, string> SelectorLabels(string componentName) =>
        new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [StandardLabels.Name] = componentName,
            [StandardLabels.PartOf] = AppName,
        };
}

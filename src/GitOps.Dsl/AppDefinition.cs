namespace GitOps.Dsl;

/// <summary>An app declared with <c>App(...)</c>: a name and the function that yields its objects per environment.</summary>
public sealed class AppDefinition
{
    internal AppDefinition(string name, Func<AppEnvironment, object> build, bool standardLabels, SourceLocation source)
    {
        Name = name;
        Build = build;
        StandardLabels = standardLabels;
        Source = source;
    }

    /// <summary>The app name.</summary>
    public string Name { get; }

    /// <summary>Whether this app's objects get the <c>app.kubernetes.io/*</c> labels.</summary>
    public bool StandardLabels { get; set; }

    /// <summary>Where the app was declared.</summary>
    public SourceLocation Source { get; }

    internal Func<AppEnvironment, object> Build { get; }
}

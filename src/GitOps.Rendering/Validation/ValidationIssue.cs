namespace GitOps.Rendering.Validation;

/// <summary>How bad a finding is: errors stop the render, warnings are printed (and are errors under <c>--strict</c>).</summary>
public enum IssueSeverity
{
    /// <summary>Printed; the render goes on (unless strict).</summary>
    Warning,

    /// <summary>Stops the render; nothing is written.</summary>
    Error,
}

/// <summary>A finding about one object, naming environment, app, kind, name and field.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Environment">The environment.</param>
/// <param name="App">The app yielding the object (empty for environment-wide findings).</param>
/// <param name="Kind">The object's kind.</param>
/// <param name="Name">The object's name.</param>
/// <param name="Field">The field, as a JSON path (<c>spec.template.spec.containers[0].image</c>).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
public sealed record ValidationIssue(IssueSeverity Severity, string Environment, string App, string Kind, string Name, string Field, string Message)
{
    /// <inheritdoc/>
    public override string ToString()
    {
        var severity = Severity == IssueSeverity.Error ? "error" : "warning";
        var subject = App.Length == 0 ? $"environment {Environment}" : $"{Environment}/{App} {Kind}/{Name}";
        var field = Field.Length > 0 ? $" {Field}" : "";
        return $"{severity}: {subject}{field}: {Message}";
    }
}

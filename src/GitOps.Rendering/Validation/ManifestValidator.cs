using GitOps.Dsl;

namespace GitOps.Rendering.Validation;

/// <summary>
/// Checks one environment's objects before anything is written: names, labels, duplicates, dangling references,
/// Service selectors, image tags and literal Secret data.
/// </summary>
public static partial class ManifestValidator
{
    /// <summary>Every finding for <paramref name="environment"/>; with <paramref name="strict"/> warnings become errors.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(EnvironmentManifest environment, bool strict = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var issues = new List<ValidationIssue>();
        if (environment.Objects.Count == 0)
        {
            issues.Add(new ValidationIssue(IssueSeverity.Error, environment.Name, "", "", "", "",
                $"renders no objects; gitops.csx declares no apps, or every app yields nothing for '{environment.Name}'."));
            return issues;
        }

        var context = new ValidationContext(environment, issues);
        foreach (var item in environment.Objects)
        {
            CheckIdentity(context, item);
            CheckLabels(context, item);
            CheckImages(context, item);
            CheckSecretData(context, item);
        }

        CheckDuplicates(context);
        CheckReferences(context);
        CheckServiceSelectors(context);
        return strict
            ? issues.Select(issue => issue with { Severity = IssueSeverity.Error }).ToList()
            : issues;
    }

    private sealed class ValidationContext(EnvironmentManifest environment, List<ValidationIssue> issues)
    {
        public EnvironmentManifest Environment { get; } = environment;

        public void Error(RenderedObject item, string field, string message) =>
            issues.Add(new ValidationIssue(IssueSeverity.Error, Environment.Name, item.App, item.Kind, item.Name, field, message));

        public void Warning(RenderedObject item, string field, string message) =>
            issues.Add(new ValidationIssue(IssueSeverity.Warning, Environment.Name, item.App, item.Kind, item.Name, field, message));
    }
}

using GitOps.Dsl;
using GitOps.Rendering.Scripting;
using GitOps.Rendering.Validation;

namespace GitOps.Rendering;

/// <summary>Evaluates and validates environments, in parallel, and gathers every error before giving up.</summary>
public static class EnvironmentRenderer
{
    /// <summary>The validated environments and their warnings; throws <see cref="RenderException"/> with every error.</summary>
    public static (IReadOnlyList<EnvironmentManifest> Manifests, IReadOnlyList<ValidationIssue> Warnings, int CachedEnvironments) Render(
        string configRoot, IReadOnlyList<string> environments, bool strict, string? cacheDirectory)
    {
        ArgumentNullException.ThrowIfNull(environments);
        using var rendering = TimingTrace.Measure("evaluate and validate environments");
        var host = new ScriptHost(configRoot, cacheDirectory);
        var results = new (ScriptEvaluation? Evaluation, IReadOnlyList<string> Errors, IReadOnlyList<ValidationIssue> Issues)[environments.Count];

        // Each environment compiles and runs on its own; on a warm cache this is mostly evaluation, so it parallelises well.
        Parallel.For(0, environments.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            try
            {
                var evaluation = host.Evaluate(environments[i]);
                using var validating = TimingTrace.Measure($"{environments[i]}: validate");
                results[i] = (evaluation, [], ManifestValidator.Validate(evaluation.Manifest, strict));
            }
            catch (ScriptException e)
            {
                results[i] = (null, e.Diagnostics.Select(d => d.ToString()).ToList(), []);
            }
        });

        var errors = results.SelectMany(r => r.Errors)
            .Concat(results.SelectMany(r => r.Issues).Where(issue => issue.Severity == IssueSeverity.Error).Select(issue => issue.ToString()))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (errors.Count > 0)
        {
            throw new RenderException(errors);
        }

        return (
            results.Select(r => r.Evaluation!.Manifest).ToList(),
            results.SelectMany(r => r.Issues).Where(issue => issue.Severity == IssueSeverity.Warning).ToList(),
            results.Count(r => r.Evaluation!.FromCache));
    }
}

using System.Globalization;
using System.Text;

namespace GitOps.Bench;

/// <summary>The medians measured for one system size; a null render means the gitops render command was unavailable.</summary>
internal sealed record BenchResult(
    int Apps,
    int? KustomizeObjects,
    int? RenderedObjects,
    Measurement Kustomize,
    Measurement? Cold,
    Measurement? Warm)
{
    public static string MarkdownTable(IReadOnlyList<BenchResult> results)
    {
        var table = new StringBuilder()
            .Append("| N apps | objects (3 envs) gitops / kustomize | gitops cold | gitops warm | kubectl kustomize x3 | warm / kustomize | cold / kustomize | warm per app | CPU time cold / warm / kustomize | peak RSS cold / warm / kustomize |\n")
            .Append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var result in results)
        {
            table.Append(Invariant($"| {result.Apps} | {result.RenderedObjects?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} / {result.KustomizeObjects?.ToString(CultureInfo.InvariantCulture) ?? "n/a"} | "))
                .Append(Seconds(result.Cold)).Append(" | ")
                .Append(Seconds(result.Warm)).Append(" | ")
                .Append(Seconds(result.Kustomize)).Append(" | ")
                .Append(Ratio(result.Warm, result.Kustomize)).Append(" | ")
                .Append(Ratio(result.Cold, result.Kustomize)).Append(" | ")
                .Append(result.Warm is null ? "n/a" : Invariant($"{result.Warm.Elapsed.TotalMilliseconds / result.Apps:0.0} ms")).Append(" | ")
                .Append(Cpu(result.Cold)).Append(" / ").Append(Cpu(result.Warm)).Append(" / ").Append(Cpu(result.Kustomize)).Append(" | ")
                .Append(Megabytes(result.Cold)).Append(" / ").Append(Megabytes(result.Warm)).Append(" / ").Append(Megabytes(result.Kustomize))
                .Append(" |\n");
        }

        return table.ToString();
    }

    private static string Seconds(Measurement? measurement) => measurement switch
    {
        null => "n/a",
        { TimedOut: true } => Invariant($"> {measurement.Elapsed.TotalSeconds:0} s (timed out)"),
        _ => Invariant($"{measurement.Elapsed.TotalSeconds:0.00} s"),
    };

    // Against a timed-out baseline the ratio is an upper bound.
    private static string Ratio(Measurement? measurement, Measurement baseline) =>
        measurement is null ? "n/a"
            : Invariant($"{(baseline.TimedOut ? "< " : "")}{measurement.Elapsed.TotalSeconds / baseline.Elapsed.TotalSeconds:0.00}x");

    private static string Cpu(Measurement? measurement) =>
        measurement is null || measurement.CpuTime < TimeSpan.Zero ? "n/a" : Invariant($"{measurement.CpuTime.TotalSeconds:0.0} s");

    private static string Megabytes(Measurement? measurement) =>
        measurement is null || measurement.PeakRssKilobytes < 0 ? "n/a" : Invariant($"{measurement.PeakRssKilobytes / 1024.0:0} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

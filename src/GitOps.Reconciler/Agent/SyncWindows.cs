using Cronos;

namespace GitOps.Reconciler.Agent;

/// <summary>
/// Times when the agent may apply: each window opens at a cron schedule (UTC) and stays open for a duration, like
/// Argo CD's sync windows. Outside every window the agent only reports; drift is not corrected either.
/// </summary>
public sealed class SyncWindows
{
    private readonly List<(CronExpression Schedule, string Text, TimeSpan Duration)> windows = [];

    private SyncWindows()
    {
    }

    /// <summary>Windows from cron expressions (5 fields, or 6 with seconds) and their durations.</summary>
    public static SyncWindows Create(IEnumerable<(string Cron, TimeSpan Duration)> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var result = new SyncWindows();
        foreach (var (cron, duration) in windows)
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            try
            {
                var schedule = CronExpression.Parse(cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
                result.windows.Add((schedule, cron, duration));
            }
            catch (CronFormatException e)
            {
                throw new ReconcileException($"sync window '{cron}': {e.Message}", e);
            }
        }

        return result;
    }

    /// <summary>True when some window is open at <paramref name="now"/>: its schedule fired within the last duration.</summary>
    public bool IsOpen(DateTimeOffset now) =>
        windows.Any(w => w.Schedule.GetOccurrences(now - w.Duration, now, TimeZoneInfo.Utc, fromInclusive: true, toInclusive: true).Any());

    /// <summary>The next time a window opens after <paramref name="now"/>, for messages.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset now) =>
        windows.Select(w => w.Schedule.GetNextOccurrence(now, TimeZoneInfo.Utc)).Where(t => t is not null).Min();

    public override string ToString() => string.Join(", ", windows.Select(w => $"'{w.Text}' for {w.Duration}"));
}

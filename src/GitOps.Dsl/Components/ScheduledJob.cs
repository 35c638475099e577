using k8s.Models;

namespace GitOps.Dsl;

/// <summary>A CronJob: runs the container on a schedule, never two at once unless told otherwise.</summary>
/// <param name="name">The component name.</param>
/// <param name="schedule">A cron schedule, e.g. <c>0 3 * * *</c>.</param>
public sealed class ScheduledJob(string name, string schedule) : Workload(name)
{
    /// <summary>The cron schedule.</summary>
    public string Schedule { get; set; } = schedule;

    /// <summary>The schedule's time zone, e.g. <c>Europe/Berlin</c>; the controller's when null.</summary>
    public string? TimeZone { get; set; }

    /// <summary><c>Forbid</c> (default), <c>Allow</c> or <c>Replace</c>.</summary>
    public string ConcurrencyPolicy { get; set; } = "Forbid";

    /// <summary>Retries before a run counts as failed (2 unless set).</summary>
    public int BackoffLimit { get; set; } = 2;

    /// <summary>Kills a run after this many seconds.</summary>
    public long? ActiveDeadlineSeconds { get; set; }

    /// <summary>How many successful runs to keep (3 unless set).</summary>
    public int SuccessfulJobsHistoryLimit { get; set; } = 3;

    /// <summary>How many failed runs to keep (1 unless set).</summary>
    public int FailedJobsHistoryLimit { get; set; } = 1;

    /// <inheritdoc/>
    protected override IEnumerable<object> Build(ComponentContext context)
    {
        foreach (var account in ServiceAccountIfRequested(context))
        {
            yield return account;
        }

        yield return new V1CronJob
        {
            Metadata = Metadata(context),
            Spec = new V1CronJobSpec
            {
                Schedule = Schedule,
                TimeZone = TimeZone,
                ConcurrencyPolicy = ConcurrencyPolicy,
                SuccessfulJobsHistoryLimit = SuccessfulJobsHistoryLimit,
                FailedJobsHistoryLimit = FailedJobsHistoryLimit,
                JobTemplate = new V1JobTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = ObjectLabels(context) },
                    Spec = new V1JobSpec
                    {
                        BackoffLimit = BackoffLimit,
                        ActiveDeadlineSeconds = ActiveDeadlineSeconds,
                        Template = PodTemplate(context, Container(), restartPolicy: "OnFailure"),
                    },
                },
            },
        };
    }
}

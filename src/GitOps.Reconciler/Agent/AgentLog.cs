using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Agent;

/// <summary>Structured log events; values are fields in the JSON console output. None carries a secret.</summary>
internal static partial class AgentLog
{
    [LoggerMessage(1, LogLevel.Information, "Applied {Commit} on {Cluster}: {Created} created, {Configured} configured, {Pruned} pruned, health {Health} ({Trigger})")]
    public static partial void Applied(ILogger logger, string commit, string cluster, int created, int configured, int pruned, string health, string trigger);

    [LoggerMessage(2, LogLevel.Error, "Reconcile of {Commit} failed: {Error}")]
    public static partial void Failed(ILogger logger, string? commit, string error);

    [LoggerMessage(3, LogLevel.Warning, "Refused {Commit}: {Reason}")]
    public static partial void Refused(ILogger logger, string commit, string reason);

    [LoggerMessage(4, LogLevel.Warning, "Drift {Action}: {Drift}")]
    public static partial void Drift(ILogger logger, string action, string drift);

    [LoggerMessage(5, LogLevel.Warning, "Fetching the source failed; keeping {Applied} applied: {Error}")]
    public static partial void FetchFailed(ILogger logger, string? applied, string error);

    [LoggerMessage(6, LogLevel.Information, "Leadership: {Identity} {Change}")]
    public static partial void Leadership(ILogger logger, string identity, string change);

    [LoggerMessage(7, LogLevel.Information, "Skipping the apply of {Commit}: {Reason}")]
    public static partial void Skipped(ILogger logger, string commit, string reason);

    [LoggerMessage(8, LogLevel.Error, "Cycle failed unexpectedly")]
    public static partial void CycleCrashed(ILogger logger, Exception exception);

    [LoggerMessage(14, LogLevel.Critical, "The reconcile loop stopped: out of memory; /healthz now fails so that the pod is restarted")]
    public static partial void LoopStopped(ILogger logger, Exception exception);

    [LoggerMessage(9, LogLevel.Information, "Listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(10, LogLevel.Warning, "Could not record status in the cluster or in git: {Error}")]
    public static partial void ReportFailed(ILogger logger, string error);

    [LoggerMessage(11, LogLevel.Warning, "Webhook rejected: {Reason}")]
    public static partial void WebhookRejected(ILogger logger, string reason);

    [LoggerMessage(12, LogLevel.Information, "Webhook ignored: a push to {Ref}, and this agent follows branch {Branch}")]
    public static partial void WebhookIgnored(ILogger logger, string @ref, string branch);
}

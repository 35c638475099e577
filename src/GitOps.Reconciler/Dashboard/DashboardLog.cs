using Microsoft.Extensions.Logging;

namespace GitOps.Reconciler.Dashboard;

/// <summary>Structured log events of the dashboard. The bearer token is never a field.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(101, LogLevel.Information, "Dashboard action {Action} on {Inventory} by {Requester}")]
    public static partial void Action(ILogger logger, string action, string inventory, string requester);

    [LoggerMessage(102, LogLevel.Warning, "Dashboard action {Action} on {Inventory} refused ({Status}) for {Requester}")]
    public static partial void Refused(ILogger logger, string action, string inventory, int status, string requester);

    [LoggerMessage(103, LogLevel.Warning, "Dashboard request {Path} failed: {Error}")]
    public static partial void Failed(ILogger logger, string path, string error);

    [LoggerMessage(104, LogLevel.Information, "Dashboard on {Url}")]
    public static partial void Listening(ILogger logger, string url);
}

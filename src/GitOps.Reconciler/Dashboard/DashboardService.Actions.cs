using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;
using GitOps.Reconciler.Status;

namespace GitOps.Reconciler.Dashboard;

internal sealed partial class DashboardService
{
    /// <summary>
    /// Null when the request may run an action; otherwise why not: 403 when actions are off, 401 when the bearer
    /// token is missing or wrong (compared in constant time).
    /// </summary>
    public (int Status, string Message)? Refusal(string? authorization)
    {
        if (!options.ActionsEnabled || options.ActionToken is not { Length: > 0 } token)
        {
            return (403, "actions are disabled: the dashboard is read-only (start it with --ui-actions and a token)");
        }

        const string Scheme = "Bearer ";
        var given = authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? authorization[Scheme.Length..].Trim() : "";
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token))
            ? null
            : (401, "missing or wrong bearer token");
    }

    /// <summary>Runs an authorized action and records it as a Kubernetes Event on the inventory; false when unknown.</summary>
    public async Task<string?> RunActionAsync(string inventory, string action, string requester, CancellationToken cancellationToken)
    {
        if (await EnvironmentPathAsync(inventory, cancellationToken) is null)
        {
            return null;
        }

        var events = new EventRecorder(api, ns, inventory, "gitops-dashboard");
        switch (action)
        {
            case "sync":
                if (requestSync is not null)
                {
                    requestSync("manual");
                }
                else
                {
                    // `gitops ui` runs elsewhere: the agent sees this annotation change within seconds and syncs.
                    await AnnotateAsync(inventory, StatusKeys.SyncRequested, DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                }

                await events.RecordAsync("SyncRequested", $"sync now requested from the dashboard by {requester}", warning: false, cancellationToken);
                return "sync requested";
            case "suspend" or "resume":
                var done = action == "suspend" ? "suspended" : "resumed";
                await AnnotateAsync(inventory, StatusKeys.Suspended, action == "suspend" ? "true" : null, cancellationToken);
                await events.RecordAsync(action == "suspend" ? "Suspended" : "Resumed", $"{done} from the dashboard by {requester}", warning: false, cancellationToken);
                trees.TryRemove(inventory, out _);

                // The agent's own dashboard shows the new state at once instead of at the next poll.
                requestSync?.Invoke("manual");
                return done;
            default:
                return null;
        }
    }

    private async Task AnnotateAsync(string inventory, string key, string? value, CancellationToken cancellationToken)
    {
        // A merge patch with null removes the annotation, as `gitops resume` does.
        var body = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } };
        var path = $"/api/v1/namespaces/{ns}/configmaps/{inventory}";
        _ = await api.MergePatchAsync(path, body, "gitops-dashboard", cancellationToken)
            ?? throw new KubeApiException(System.Net.HttpStatusCode.NotFound, $"PATCH {path}: the inventory no longer exists");
    }
}

using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using GitOps.Reconciler.Cluster;

namespace GitOps.Reconciler.Status;

/// <summary>
/// Emits core/v1 Events on the inventory ConfigMap, so `kubectl describe cm` and `kubectl get events` tell the story.
/// Repeats are correlated as client-go's EventCorrelator does: the same type, reason and message on the inventory
/// bumps <c>count</c> and <c>lastTimestamp</c> of one Event instead of creating another (its name is derived from
/// that key, so a restarted agent finds it too), and once a reason has had <see cref="SimilarLimit"/> different
/// messages within <see cref="SimilarWindow"/>, further ones are folded into one
/// "(combined from similar events)" Event, so a flapping object cannot flood the namespace.
/// </summary>
internal sealed class EventRecorder(KubeApi api, string ns, string inventoryName, string instance)
{
    public const string Component = "gitops-agent";

    /// <summary>Distinct messages per reason before they are combined (client-go's default).</summary>
    public const int SimilarLimit = 10;

    /// <summary>How long a distinct message counts towards <see cref="SimilarLimit"/> (client-go's default).</summary>
    public static readonly TimeSpan SimilarWindow = TimeSpan.FromMinutes(10);

    public const string CombinedPrefix = "(combined from similar events): ";

    private readonly Lock gate = new();
    private readonly Dictionary<string, Dictionary<string, DateTime>> recentMessages = new(StringComparer.Ordinal);

    public async Task RecordAsync(string reason, string message, bool warning, CancellationToken cancellationToken)
    {
        // Event timestamps are whole seconds (metav1.Time): both the create and the bump write them that way.
        var now = DateTime.UtcNow;
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        var type = warning ? "Warning" : "Normal";

        // The API server caps event messages at 1 KiB.
        message = Truncate(message);
        var combined = IsOverSimilarLimit(type, reason, message, now);
        var name = EventName(type, reason, combined ? null : message);
        if (combined)
        {
            message = Truncate(CombinedPrefix + message);
        }

        try
        {
            if (!await BumpAsync(name, message, now, cancellationToken))
            {
                await CreateAsync(name, type, reason, message, now, cancellationToken);
            }
        }
        catch (KubeApiException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Conflict)
        {
            // Events are best effort: a missing namespace, RBAC without events, or a concurrent writer of the same
            // Event must not fail the reconcile.
        }
    }

    /// <summary>Increments the count of the Event with this name, if it exists; false when it does not.</summary>
    private async Task<bool> BumpAsync(string name, string message, DateTime now, CancellationToken cancellationToken)
    {
        if (await api.GetAsync(EventPath(name), cancellationToken) is not { } existing)
        {
            return false;
        }

        var count = existing["count"] is JsonValue value && value.TryGetValue<int>(out var n) ? n : 1;
        var patch = new JsonObject
        {
            ["count"] = count + 1,
            ["lastTimestamp"] = Timestamp(now),
            ["message"] = message,
            // A concurrent bump of the same Event makes this one fail (409) instead of losing a count.
            ["metadata"] = new JsonObject { ["resourceVersion"] = existing["metadata"]?["resourceVersion"]?.DeepClone() },
        };

        // Null: expired between the read and the patch; start a new series.
        return await api.MergePatchAsync(EventPath(name), patch, Component, cancellationToken) is not null;
    }

    private async Task CreateAsync(string name, string type, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["involvedObject"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = inventoryName, ["namespace"] = ns },
            ["reason"] = reason,
            ["message"] = message,
            ["type"] = type,
            ["source"] = new JsonObject { ["component"] = Component },
            ["reportingComponent"] = Component,
            ["reportingInstance"] = instance,
            ["action"] = reason,
            ["firstTimestamp"] = Timestamp(now),
            ["lastTimestamp"] = Timestamp(now),
            ["count"] = 1,
        };
        await api.CreateAsync($"/api/v1/namespaces/{ns}/events", body, cancellationToken);
    }

    private string EventPath(string name) => $"/api/v1/namespaces/{ns}/events/{name}";

    private static string Timestamp(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    /// <summary>Remembers the message; true once its reason has seen too many different messages lately.</summary>
    private bool IsOverSimilarLimit(string type, string reason, string message, DateTime now)
    {
        lock (gate)
        {
            var key = $"{type}\n{reason}";
            if (!recentMessages.TryGetValue(key, out var messages))
            {
                recentMessages[key] = messages = new Dictionary<string, DateTime>(StringComparer.Ordinal);
            }

            foreach (var stale in messages.Where(m => now - m.Value > SimilarWindow).Select(m => m.Key).ToList())
            {
                messages.Remove(stale);
            }

            if (messages.ContainsKey(message) || messages.Count < SimilarLimit)
            {
                messages[message] = now;
                return false;
            }

            return true;
        }
    }

    /// <summary>
    /// <c>&lt;inventory&gt;.&lt;hash&gt;</c> of the correlation key; the combined Event of a reason has a key without
    /// a message.
    /// </summary>
    private string EventName(string type, string reason, string? message)
    {
        var key = $"{Component}\n{inventoryName}\n{type}\n{reason}\n{message ?? "(combined)"}";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return $"{inventoryName[..Math.Min(inventoryName.Length, 253 - 17)]}.{hash}";
    }

    private static string Truncate(string message) => message.Length > 1024 ? message[..1021] + "..." : message;
}

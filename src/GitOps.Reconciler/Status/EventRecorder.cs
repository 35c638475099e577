using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Reconciler.Status;

/// <summary>
/// Emits core/v1 Events on the inventory ConfigMap, so `kubectl describe cm` and `kubectl get events` tell the story.
/// Repeats are correlated as client-go's EventCorrelator does: the same type, reason and message on the inventory
/// bumps <c>count</c> and <c>lastTimestamp</c> of one Event instead of creating another (its name is derived from
/// that key, so a restarted agent finds it too), and once a reason has had <see cref="SimilarLimit"/> different
/// messages within <see cref="SimilarWindow"/>, further ones are folded into one
/// "(combined from similar events)" Event, so a flapping object cannot flood the namespace.
/// </summary>
internal sealed class EventRecorder(IKubernetes client, string ns, string inventoryName, string instance)
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
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.Conflict)
        {
            // Events are best effort: a missing namespace, RBAC without events, or a concurrent writer of the same
            // Event must not fail the reconcile.
        }
    }

    /// <summary>Increments the count of the Event with this name, if it exists; false when it does not.</summary>
    private async Task<bool> BumpAsync(string name, string message, DateTime now, CancellationToken cancellationToken)
    {
        Corev1Event existing;
        try
        {
            existing = await client.CoreV1.ReadNamespacedEventAsync(name, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }

        var patch = new JsonObject
        {
            ["count"] = (existing.Count ?? 1) + 1,
            ["lastTimestamp"] = now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["message"] = message,
            ["metadata"] = new JsonObject { ["resourceVersion"] = existing.Metadata.ResourceVersion },
        };
        try
        {
            await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: cancellationToken);
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            // Expired between the read and the patch: start a new series.
            return false;
        }
    }

    private async Task CreateAsync(string name, string type, string reason, string message, DateTime now, CancellationToken cancellationToken)
    {
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Name = inventoryName, NamespaceProperty = ns },
            Reason = reason,
            Message = message,
            Type = type,
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = instance,
            Action = reason,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        await client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: cancellationToken);
    }

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

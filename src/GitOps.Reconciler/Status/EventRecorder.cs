using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace GitOps.Reconciler.Status;

/// <summary>Emits core/v1 Events on the inventory ConfigMap, so `kubectl describe cm` and `kubectl get events` tell the story.</summary>
internal sealed class EventRecorder(IKubernetes client, string ns, string inventoryName, string instance)
{
    public const string Component = "gitops-agent";

    public async Task RecordAsync(string reason, string message, bool warning, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        var body = new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{inventoryName}.{Guid.NewGuid():N}"[..Math.Min(253, inventoryName.Length + 33)], NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { ApiVersion = "v1", Kind = "ConfigMap", Name = inventoryName, NamespaceProperty = ns },
            Reason = reason,
            // The API server caps event messages at 1 KiB.
            Message = message.Length > 1024 ? message[..1021] + "..." : message,
            Type = warning ? "Warning" : "Normal",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = Component,
            ReportingInstance = instance,
            Action = reason,
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        };
        try
        {
            await client.CoreV1.CreateNamespacedEventAsync(body, ns, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Events are best effort: a missing namespace or RBAC without events must not fail the reconcile.
        }
    }
}

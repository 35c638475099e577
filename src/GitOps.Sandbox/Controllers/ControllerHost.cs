using GitOps.Sandbox.Api;
using GitOps.Sandbox.Http;
using GitOps.Sandbox.Store;
using Microsoft.Extensions.Logging;

namespace GitOps.Sandbox.Controllers;

/// <summary>Runs the simulated controllers: CRD establishment, workload rollouts, job completion, PVC binding.</summary>
internal sealed class ControllerHost : IDisposable
{
    private readonly ResourceService service;
    private readonly CrdController crds;
    private readonly RolloutController rollouts;
    private readonly CancellationTokenSource stopping = new();

    public ControllerHost(ResourceService service, OpenApiDocuments openApi, TimeSpan rolloutDelay, ILogger logger)
    {
        this.service = service;
        crds = new CrdController(service, openApi, logger, stopping.Token);
        rollouts = new RolloutController(service, rolloutDelay, logger, stopping.Token);
        service.Committed += OnCommitted;
        service.Removed += OnRemoved;
    }

    public void Dispose()
    {
        service.Committed -= OnCommitted;
        service.Removed -= OnRemoved;
        stopping.Cancel();
        stopping.Dispose();
    }

    private void OnCommitted(ResourceType type, StoredObject obj)
    {
        if (type.GroupResource == CrdController.GroupResource)
        {
            crds.Reconcile(obj);
        }
        else
        {
            rollouts.Observe(type, obj);
        }
    }

    private void OnRemoved(ResourceType type, StoredObject obj)
    {
        if (type.GroupResource == CrdController.GroupResource)
        {
            crds.Remove(obj);
        }
    }
}

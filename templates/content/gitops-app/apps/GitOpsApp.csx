// The GitOpsApp app: a web service (Deployment + Service, probes and secure defaults from GitOps.Dsl).
// Loaded from gitops.csx with: #load "apps/GitOpsApp.csx"
App("GitOpsApp", env => new WebService("GitOpsApp")
{
    Image = "ghcr.io/example/app:1.0.0",
    Port = 8080,
});

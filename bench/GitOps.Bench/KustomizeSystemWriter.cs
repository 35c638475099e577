using System.Text;

namespace GitOps.Bench;

/// <summary>
/// Writes the synthetic system as the kustomize tree a team would keep: one base per app (the same objects and
/// defaults the DSL components produce), a base listing them, and one overlay per environment with namespace,
/// labels, <c>images:</c> and a ConfigMap merge for the log level.
/// </summary>
internal static class KustomizeSystemWriter
{
    public static void Write(string root, int apps)
    {
        var baseList = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n");
        for (var i = 0; i < apps; i++)
        {
            var name = SyntheticSystem.AppName(i);
            var folder = Path.Combine(root, "base", "apps", name);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), AppKustomization(name));
            File.WriteAllText(Path.Combine(folder, "deployment.yaml"), Deployment(name, SyntheticSystem.Image(i)));
            File.WriteAllText(Path.Combine(folder, "service.yaml"), Service(name));
            File.WriteAllText(Path.Combine(folder, "hpa.yaml"), Autoscaler(name));
            File.WriteAllText(Path.Combine(folder, "cronjob.yaml"), CronJob(name, SyntheticSystem.Image(i)));
            baseList.Append("  - apps/").Append(name).Append('\n');
        }

        File.WriteAllText(Path.Combine(root, "base", "kustomization.yaml"), baseList.ToString());
        foreach (var (environment, logLevel, tag) in SyntheticSystem.Environments)
        {
            var folder = Path.Combine(root, "overlays", environment);
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), Overlay(environment, logLevel, tag, apps));
        }
    }

    public static string OverlayPath(string root, string environment) => Path.Combine(root, "overlays", environment);

    private static string Overlay(string environment, string logLevel, string tag, int apps)
    {
        var text = new StringBuilder()
            .Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\n")
            .Append("namespace: ").Append(SyntheticSystem.Namespace(environment)).Append('\n')
            .Append("labels:\n  - pairs:\n      env: ").Append(environment).Append("\n    includeTemplates: true\n")
            .Append("images:\n");
        for (var i = 0; i < apps; i++)
        {
            text.Append("  - name: ").Append(SyntheticSystem.Image(i)).Append("\n    newTag: ").Append(tag).Append('\n');
        }

        text.Append("configMapGenerator:\n");
        for (var i = 0; i < apps; i++)
        {
            text.Append("  - name: ").Append(SyntheticSystem.AppName(i)).Append("-config\n    behavior: merge\n    literals:\n      - LOG_LEVEL=")
                .Append(logLevel).Append('\n');
        }

        return text.ToString();
    }

    private static string AppKustomization(string name) => $"""
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        labels:
          - pairs:
              app.kubernetes.io/part-of: {name}
              app.kubernetes.io/managed-by: gitops
        resources:
          - deployment.yaml
          - service.yaml
          - hpa.yaml
          - cronjob.yaml
        configMapGenerator:
          - name: {name}-config
            literals:
              - LOG_LEVEL=info
              - APP_NAME={name}

        """;

    private static string Deployment(string name, string image) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          labels:
            app.kubernetes.io/name: {name}
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: {name}
          template:
            metadata:
              labels:
                app.kubernetes.io/name: {name}
            spec:
              automountServiceAccountToken: false
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
        {Container(name, image, "        ", probes: true)}
        """;

    private static string CronJob(string name, string image) => $"""
        apiVersion: batch/v1
        kind: CronJob
        metadata:
          name: {name}-cleanup
          labels:
            app.kubernetes.io/name: {name}-cleanup
        spec:
          schedule: "0 3 * * *"
          concurrencyPolicy: Forbid
          successfulJobsHistoryLimit: 3
          failedJobsHistoryLimit: 1
          jobTemplate:
            metadata:
              labels:
                app.kubernetes.io/name: {name}-cleanup
            spec:
              backoffLimit: 2
              template:
                metadata:
                  labels:
                    app.kubernetes.io/name: {name}-cleanup
                spec:
                  restartPolicy: OnFailure
                  automountServiceAccountToken: false
                  securityContext:
                    runAsNonRoot: true
                    seccompProfile:
                      type: RuntimeDefault
                  containers:
        {Container(name + "-cleanup", image, "            ", probes: false, args: "[cleanup, --older-than=30d]")}
        """;

    private static string Container(string name, string image, string indent, bool probes, string? args = null)
    {
        var text = new StringBuilder()
            .Append(indent).Append("- name: ").Append(name).Append('\n')
            .Append(indent).Append("  image: ").Append(image).Append(":1.0.0\n");
        if (args is not null)
        {
            text.Append(indent).Append("  args: ").Append(args).Append('\n');
        }

        text.Append(indent).Append("  envFrom:\n")
            .Append(indent).Append("    - configMapRef:\n")
            .Append(indent).Append("        name: ").Append(name.Replace("-cleanup", "", StringComparison.Ordinal)).Append("-config\n")
            .Append(indent).Append("  resources:\n")
            .Append(indent).Append("    requests: {cpu: 100m, memory: 128Mi}\n")
            .Append(indent).Append("    limits: {memory: 256Mi}\n")
            .Append(indent).Append("  securityContext:\n")
            .Append(indent).Append("    runAsNonRoot: true\n")
            .Append(indent).Append("    allowPrivilegeEscalation: false\n")
            .Append(indent).Append("    readOnlyRootFilesystem: true\n")
            .Append(indent).Append("    capabilities: {drop: [ALL]}\n");
        if (probes)
        {
            text.Append(indent).Append("  ports:\n")
                .Append(indent).Append("    - {name: http, containerPort: 8080}\n");
            foreach (var (probe, delay) in new[] { ("readinessProbe", 5), ("livenessProbe", 15) })
            {
                text.Append(indent).Append("  ").Append(probe).Append(":\n")
                    .Append(indent).Append("    httpGet: {path: /healthz, port: 8080}\n")
                    .Append(indent).Append("    initialDelaySeconds: ").Append(delay).Append('\n')
                    .Append(indent).Append("    periodSeconds: 10\n");
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Service(string name) => $"""
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          labels:
            app.kubernetes.io/name: {name}
        spec:
          type: ClusterIP
          selector:
            app.kubernetes.io/name: {name}
          ports:
            - name: http
              port: 80
              targetPort: http
              protocol: TCP

        """;

    private static string Autoscaler(string name) => $"""
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: {name}
          labels:
            app.kubernetes.io/name: {name}
        spec:
          minReplicas: 2
          maxReplicas: 10
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: {name}
          metrics:
            - type: Resource
              resource:
                name: cpu
                target:
                  type: Utilization
                  averageUtilization: 70

        """;
}

namespace GitOps.Reconciler.Tests.Support;

/// <summary>Small manifests for agent tests.</summary>
public static class TestManifests
{
    public static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";

    public static string ConfigMap(string ns, string name, string value) =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\ndata:\n  value: \"{value}\"\n";

    /// <summary>A Deployment; <paramref name="replicas"/> null leaves the field to others (an HPA).</summary>
    public static string Deployment(string ns, string name, int? replicas, string image = "nginx:1.27") =>
        $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        spec:
        {(replicas is { } r ? $"  replicas: {r}\n" : "")}  selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: web
                image: {image}

        """;
}

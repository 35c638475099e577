namespace GitOps.Reconciler.Tests.Support;

/// <summary>Small manifests for tests.</summary>
public static class Yaml
{
    public static string Namespace(string name) => $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {name}\n";

    public static string ConfigMap(string ns, string name, string value = "v1", string annotations = "") =>
        $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n{Annotations(annotations)}data:\n  key: \"{value}\"\n";

    public static string Deployment(string ns, string name, string image, int replicas = 1, string annotations = "") => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {name}
          namespace: {ns}
        {Annotations(annotations)}spec:
          replicas: {replicas}
          selector:
            matchLabels:
              app: {name}
          template:
            metadata:
              labels:
                app: {name}
            spec:
              containers:
              - name: main
                image: {image}

        """;

    private static string Annotations(string annotations) =>
        annotations.Length == 0 ? "" : "  annotations:\n" + string.Concat(annotations.Split(';').Select(a => $"    {a.Trim()}\n"));
}

using System.Globalization;
using System.Text;

namespace GitOps.Sandbox.Bench;

/// <summary>
/// A mixed set of objects as real apps have them: per app a ServiceAccount, ConfigMap, Secret, Service and
/// Deployment, spread over a few namespaces (which come first, so they exist before their contents).
/// </summary>
internal static class SyntheticObjects
{
    public const int Namespaces = 10;

    private static readonly string[] Kinds = ["ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment"];

    /// <summary>Writes <paramref name="count"/> objects into <paramref name="directory"/>, one file per app; returns the kind counts.</summary>
    public static IReadOnlyDictionary<string, int> Write(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["Namespace"] = Namespaces };
        var namespaces = new StringBuilder();
        for (var n = 0; n < Namespaces; n++)
        {
            namespaces.Append(CultureInfo.InvariantCulture, $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-{n}\n---\n");
        }

        File.WriteAllText(Path.Combine(directory, "000-namespaces.yaml"), namespaces.ToString());
        var written = Namespaces;
        for (var app = 0; written < count; app++)
        {
            var file = new StringBuilder();
            foreach (var kind in Kinds.Take(count - written))
            {
                file.Append(Manifest(kind, $"app-{app}", $"bench-{app % Namespaces}", revision: 0)).Append("---\n");
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                written++;
            }

            File.WriteAllText(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"{app + 1:D4}-app.yaml")), file.ToString());
        }

        return counts;
    }

    /// <summary>One object's manifest; <paramref name="revision"/> changes its content so that an apply has work to do.</summary>
    public static string Manifest(string kind, string name, string ns, int revision) => kind switch
    {
        "ServiceAccount" => $"""
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {name}
              namespace: {ns}
              labels: {Labels(name, revision)}

            """,
        "ConfigMap" => $"""
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {name}
              namespace: {ns}
              labels: {Labels(name, revision)}
            data:
              LOG_LEVEL: info
              REVISION: "{revision}"
              config.json: '{"{"}"feature": true, "limit": {100 + revision}{"}"}'

            """,
        "Secret" => $"""
            apiVersion: v1
            kind: Secret
            metadata:
              name: {name}
              namespace: {ns}
              labels: {Labels(name, revision)}
            type: Opaque
            stringData:
              password: "not-a-secret-{revision}"

            """,
        "Service" => $"""
            apiVersion: v1
            kind: Service
            metadata:
              name: {name}
              namespace: {ns}
              labels: {Labels(name, revision)}
            spec:
              selector:
                app: {name}
              ports:
              - name: http
                port: 80
                targetPort: 8080
                protocol: TCP

            """,
        _ => $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
              namespace: {ns}
              labels: {Labels(name, revision)}
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: {name}
              template:
                metadata:
                  labels:
                    app: {name}
                spec:
                  serviceAccountName: {name}
                  containers:
                  - name: web
                    image: registry.example.com/{name}:1.{revision}
                    ports:
                    - containerPort: 8080
                      protocol: TCP
                    env:
                    - name: LOG_LEVEL
                      valueFrom:
                        configMapKeyRef:
                          name: {name}
                          key: LOG_LEVEL
                    resources:
                      requests:
                        cpu: 100m
                        memory: 64Mi
                      limits:
                        memory: 128Mi

            """,
    };

    private static string Labels(string name, int revision) =>
        string.Create(CultureInfo.InvariantCulture, $"{{app: {name}, revision: \"{revision}\"}}");

    public static IEnumerable<(string Kind, string Name, string Namespace)> Apps(int count)
    {
        for (var index = 0; index < count; index++)
        {
            yield return (Kinds[index % Kinds.Length], $"app-{index / Kinds.Length}", $"bench-{index / Kinds.Length % Namespaces}");
        }
    }
}

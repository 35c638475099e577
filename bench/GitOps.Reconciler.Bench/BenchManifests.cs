using System.Globalization;
using System.Text;

namespace GitOps.Reconciler.Bench;

/// <summary>
/// 1,000 mixed objects as real apps have them: 10 namespaces, then per app a ServiceAccount, ConfigMap, Secret,
/// Service and Deployment, one file per app (the layout of a rendered branch).
/// </summary>
internal static class BenchManifests
{
    private const int Namespaces = 10;

    public static SortedDictionary<string, int> Write(string directory, int count)
    {
        Directory.CreateDirectory(directory);
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal) { ["Namespace"] = Namespaces };
        for (var n = 0; n < Namespaces; n++)
        {
            File.WriteAllText(Path.Combine(directory, $"00-namespace-bench-{n}.yaml"), $"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: bench-{n}\n");
        }

        var written = Namespaces;
        for (var app = 0; written < count; app++)
        {
            var file = new StringBuilder();
            foreach (var kind in new[] { "ServiceAccount", "ConfigMap", "Secret", "Service", "Deployment" }.Take(count - written))
            {
                file.Append("---\n").Append(Manifest(kind, $"app-{app}", $"bench-{app % Namespaces}"));
                counts[kind] = counts.GetValueOrDefault(kind) + 1;
                written++;
            }

            File.WriteAllText(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"app-{app:D4}.yaml")), file.ToString());
        }

        return counts;
    }

    private static string Manifest(string kind, string name, string ns) => kind switch
    {
        "ServiceAccount" => $"apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    app: {name}\n",
        "ConfigMap" => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    app: {name}\ndata:\n  LOG_LEVEL: info\n  FEATURE_FLAGS: \"a,b,c\"\n",
        "Secret" => $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    app: {name}\ntype: Opaque\nstringData:\n  password: not-a-real-secret\n",
        "Service" => $"apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  namespace: {ns}\n  labels:\n    app: {name}\nspec:\n  selector:\n    app: {name}\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n",
        _ => $"""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {name}
              namespace: {ns}
              labels:
                app: {name}
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
                  - name: main
                    image: registry.example.com/{name}:1.0.0
                    ports:
                    - containerPort: 8080
                    envFrom:
                    - configMapRef:
                        name: {name}
                    resources:
                      requests:
                        cpu: 100m
                        memory: 128Mi

            """,
    };
}

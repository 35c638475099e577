namespace GitOps.Bench;

/// <summary>
/// The shape both generators write: N apps, each a web service (Deployment, Service, HPA) reading a generated
/// ConfigMap and a nightly CronJob, in three environments that differ in namespace, an <c>env</c> label, image tags
/// and the ConfigMap's log level. Five objects per app per environment.
/// </summary>
internal static class SyntheticSystem
{
    public static readonly (string Name, string LogLevel, string Tag)[] Environments =
    [
        ("dev", "debug", "1.1.0-rc.1"),
        ("staging", "info", "1.1.0"),
        ("prod", "warn", "1.0.7"),
    ];

    public const int ObjectsPerApp = 5;

    public static string AppName(int index) => $"app-{index:D3}";

    public static string Image(int index) => $"ghcr.io/acme/{AppName(index)}";

    public static string Namespace(string environment) => $"shop-{environment}";
}

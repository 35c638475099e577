// The apps of this config repository; environments/<env>.csx overlays them per environment.
//   Render:           dotnet tool run gitops -- render
//   Review a change:  dotnet tool run gitops -- diff --base origin/main
// Add an app with `dotnet new gitops-app -n <name>` and #load it here (before any other code).

/// <summary>What differs between environments; each environments/<env>.csx sets it with e.Values(new Settings { ... }).</summary>
public sealed record Settings
{
    public int Replicas { get; init; } = 1;
    public string Tag { get; init; } = "1.0.0";
}

App("web", env => new WebService("web")
{
    Image = $"ghcr.io/example/web:{env.Values<Settings>().Tag}",
    Port = 8080,
    Replicas = env.Values<Settings>().Replicas,
});

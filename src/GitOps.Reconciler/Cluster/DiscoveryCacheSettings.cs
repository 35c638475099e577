namespace GitOps.Reconciler.Cluster;

/// <summary>Where discovery is cached (under the reconciler's cache directory) and for how long it is trusted.</summary>
internal sealed record DiscoveryCacheSettings(string Directory, TimeSpan TimeToLive);

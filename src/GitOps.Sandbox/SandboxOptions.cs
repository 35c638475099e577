using Microsoft.Extensions.Logging;

namespace GitOps.Sandbox;

/// <summary>How a <see cref="SandboxServer"/> listens and how its simulated controllers behave.</summary>
public sealed class SandboxOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port.</summary>
    public int Port { get; set; }

    /// <summary>How long simulated controllers take to roll out a workload (Deployments, StatefulSets, Jobs...).</summary>
    public TimeSpan RolloutDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Serve HTTPS with a CA, server and client certificate generated at start, and refuse any client without a
    /// certificate that CA signed (as a cluster with client-certificate authentication). Off: plain HTTP, no authentication.
    /// </summary>
    public bool Tls { get; set; }

    /// <summary>Where request logs (debug level) and server messages go; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }
}

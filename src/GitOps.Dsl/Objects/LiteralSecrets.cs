using k8s.Models;
using System.Runtime.CompilerServices;

namespace GitOps.Dsl;

/// <summary>The explicit, per-object opt-in for a Secret whose data is written in plain text to the rendered branch.</summary>
public static class LiteralSecrets
{
    private static readonly ConditionalWeakTable<V1Secret, object> Allowed = [];

    /// <summary>
    /// Allows this Secret's literal data in the rendered branch (plain text in git). Prefer a SealedSecret or an
    /// ExternalSecret; use this only for data that is not actually secret.
    /// </summary>
    public static V1Secret AllowLiteralDataInGit(this V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Allowed.AddOrUpdate(secret, Allowed);
        return secret;
    }

    internal static bool IsAllowed(V1Secret secret) => Allowed.TryGetValue(secret, out _);
}

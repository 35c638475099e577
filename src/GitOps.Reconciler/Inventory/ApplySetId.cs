using System.Security.Cryptography;
using System.Text;

namespace GitOps.Reconciler.Inventory;

/// <summary>The ApplySet ID of KEP-3659: <c>applyset-</c> + base64url(sha256(name.namespace.kind.group)) + <c>-v1</c>.</summary>
internal static class ApplySetId
{
    public static string Compute(string name, string ns, string kind, string group)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{name}.{ns}.{kind}.{group}"));
        var encoded = Convert.ToBase64String(hash).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"applyset-{encoded}-v1";
    }
}

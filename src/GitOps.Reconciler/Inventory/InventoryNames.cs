using System.Text;

namespace GitOps.Reconciler;

/// <summary>Default inventory names, one per reconciled path, as valid Kubernetes object names.</summary>
internal static class InventoryNames
{
    public static string FromPath(string path)
    {
        var builder = new StringBuilder("gitops");
        foreach (var c in path.Trim('/', '.').ToLowerInvariant())
        {
            var next = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (next != '-' || builder[^1] != '-')
            {
                builder.Append(builder.Length == 6 && next != '-' ? "-" + next : next.ToString());
            }
        }

        var name = builder.ToString().TrimEnd('-');
        return name.Length > 63 ? name[..63].TrimEnd('-') : name;
    }
}

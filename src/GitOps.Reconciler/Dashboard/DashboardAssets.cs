using System.Collections.Frozen;

namespace GitOps.Reconciler.Dashboard;

/// <summary>The page, styles and script, embedded in this assembly (no CDN, no build step).</summary>
internal static class DashboardAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["app.css"] = "text/css; charset=utf-8",
        ["app.js"] = "text/javascript; charset=utf-8",
        ["favicon.svg"] = "image/svg+xml",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The asset's bytes and content type, or null for a name that is not one of ours.</summary>
    public static (byte[] Content, string ContentType)? Find(string name)
    {
        if (!ContentTypes.TryGetValue(name, out var type))
        {
            return null;
        }

        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"dashboard/{name}");
        if (stream is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return (buffer.ToArray(), type);
    }
}

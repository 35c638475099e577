namespace GitOps.Dsl;

/// <summary>Splits <c>registry:port/repo:tag@digest</c> into the name and the <c>:tag</c>/<c>@digest</c> suffix.</summary>
internal static class ImageReference
{
    public static (string Name, string Suffix) Split(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (image[..at], image[at..]);
        }

        // A colon after the last slash is a tag; one before it belongs to a registry port.
        var slash = image.LastIndexOf('/');
        var colon = image.LastIndexOf(':');
        return colon > slash ? (image[..colon], image[colon..]) : (image, "");
    }
}

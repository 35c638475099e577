using System.Text;

namespace GitOps.Rendering.Import;

/// <summary>
/// Puts objects into apps: by the <c>app.kubernetes.io/part-of</c>, <c>app.kubernetes.io/name</c> or <c>app</c>
/// label; objects without one join the app their folder's labelled objects agree on, else the folder's app.
/// </summary>
internal static class AppGrouping
{
    private static readonly string[] AppLabels = ["app.kubernetes.io/part-of", "app.kubernetes.io/name", "app"];

    public static IReadOnlyList<string> Assign(IReadOnlyList<SourceObject> sources, string? forced, string defaultApp)
    {
        if (forced is not null)
        {
            return sources.Select(_ => Sanitize(forced, defaultApp)).ToList();
        }

        var labelled = sources.Select(LabelApp).ToList();
        var byFolder = sources.Select((source, i) => (source.Folder, App: labelled[i]))
            .Where(pair => pair.App is not null)
            .GroupBy(pair => pair.Folder, StringComparer.Ordinal)
            .Where(group => group.Select(pair => pair.App).Distinct(StringComparer.Ordinal).Count() == 1)
            .ToDictionary(group => group.Key, group => group.First().App!, StringComparer.Ordinal);
        return sources.Select((source, i) => Sanitize(
            labelled[i] ?? byFolder.GetValueOrDefault(source.Folder) ?? FolderApp(source.Folder) ?? defaultApp, defaultApp)).ToList();
    }

    /// <summary>A name usable as an app, a folder and a file name: lower-case letters, digits and dashes.</summary>
    public static string Sanitize(string name, string fallback)
    {
        var text = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        }

        var result = text.ToString().Trim('-');
        return result.Length > 0 ? result : fallback;
    }

    private static string? LabelApp(SourceObject source) =>
        AppLabels.Select(label => source.Manifest["metadata"]?["labels"]?[label])
            .Where(JsonTrees.IsString)
            .Select(value => (string)value!)
            .FirstOrDefault(value => value.Length > 0);

    private static string? FolderApp(string folder) =>
        folder.Length == 0 ? null : folder.Split('/')[0];
}

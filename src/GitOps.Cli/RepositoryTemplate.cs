using System.Text;

namespace GitOps.Cli;

/// <summary>
/// The files of the gitops-repo template (templates/content/gitops-repo), embedded in the tool so that `gitops init`
/// writes the same repository as `dotnet new gitops-repo` without the template engine. Applies the template's two
/// rules: the source name <c>GitOpsConfig</c> becomes the repository name, and <c>gitignore</c> becomes <c>.gitignore</c>.
/// </summary>
internal static class RepositoryTemplate
{
    public const string SourceName = "GitOpsConfig";

    private const string Prefix = "gitops-repo/";

    public static IReadOnlyList<(string Path, string Content)> Files(string name)
    {
        var assembly = typeof(RepositoryTemplate).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(resource => resource.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(resource =>
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var path = resource[Prefix.Length..].Replace('\\', '/').Replace(SourceName, name, StringComparison.Ordinal);
                path = path == "gitignore" ? ".gitignore" : path;
                return (path, reader.ReadToEnd().Replace(SourceName, name, StringComparison.Ordinal));
            })
            .ToList();
    }

    /// <summary>A C# namespace-safe name from a folder name: <c>acme-config</c> becomes <c>AcmeConfig</c>.</summary>
    public static string NameFor(string folder)
    {
        var words = new string(folder.Select(c => char.IsAsciiLetterOrDigit(c) ? c : ' ').ToArray()).Split(' ');
        var name = string.Concat(words.Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return name.Length == 0 ? "Config" : char.IsAsciiDigit(name[0]) ? "Config" + name : name;
    }
}

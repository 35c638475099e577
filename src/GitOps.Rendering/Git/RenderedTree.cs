using System.Text;
using LibGit2Sharp;

namespace GitOps.Rendering.Git;

/// <summary>Builds a whole git tree from rendered files in the object database, without a working tree or index.</summary>
internal static class RenderedTree
{
    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static Tree Build(ObjectDatabase objects, IReadOnlyCollection<RenderedFile> files)
    {
        var definition = new TreeDefinition();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files.OrderBy(file => file.Path, StringComparer.Ordinal))
        {
            ValidatePath(file.Path);
            if (!seen.Add(file.Path))
            {
                throw new ArgumentException($"Rendered file '{file.Path}' is given twice.", nameof(files));
            }

            using var content = new MemoryStream(Utf8WithoutBom.GetBytes(file.Content));
            definition.Add(file.Path, objects.CreateBlob(content), Mode.NonExecutableFile);
        }

        ValidateNoFileIsAlsoAFolder(seen);
        return objects.CreateTree(definition);
    }

    private static void ValidatePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path.Contains('\\', StringComparison.Ordinal) || path.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Rendered file path '{path}' is empty or holds '\\' or NUL; use '/' between folders.");
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or ".." || segment.Equals(".git", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException(
                    $"Rendered file path '{path}' must be relative, without empty, '.', '..' or '.git' segments.");
            }
        }
    }

    private static void ValidateNoFileIsAlsoAFolder(HashSet<string> paths)
    {
        foreach (var path in paths)
        {
            for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
            {
                var folder = path[..slash];
                if (paths.Contains(folder))
                {
                    throw new ArgumentException($"Rendered file '{folder}' is also the folder of '{path}'.");
                }
            }
        }
    }
}

using GitOps.Rendering.Git;
using System.Runtime.ExceptionServices;

namespace GitOps.Rendering;

/// <summary>
/// Writes a rendered tree to a folder: each rendered environment's folder is replaced as a whole (so files of
/// deleted objects disappear), other content of the folder is left alone.
/// </summary>
internal static class OutputFolder
{
    public static void Write(string directory, IReadOnlyList<RenderedFile> files, IReadOnlyList<string> environments)
    {
        Directory.CreateDirectory(directory);
        var staging = Path.Combine(directory, $".gitops-staging-{Guid.NewGuid():N}");
        try
        {
            foreach (var folder in files.Select(file => Path.GetDirectoryName(Path.Combine(staging, file.Path))!).Distinct(StringComparer.Ordinal))
            {
                Directory.CreateDirectory(folder);
            }

            // Creating many small files is mostly waiting on the file system; both cores do it at once.
            try
            {
                Parallel.ForEach(files, file => File.WriteAllText(Path.Combine(staging, file.Path), file.Content));
            }
            catch (AggregateException e)
            {
                ExceptionDispatchInfo.Throw(e.InnerExceptions[0]); // the same IOException a sequential write would throw
            }

            foreach (var environment in environments)
            {
                var target = Path.Combine(directory, environment);
                if (Directory.Exists(target))
                {
                    Directory.Delete(target, recursive: true);
                }

                var staged = Path.Combine(staging, environment);
                if (Directory.Exists(staged))
                {
                    Directory.Move(staged, target);
                }
            }

            File.Move(Path.Combine(staging, ".gitattributes"), Path.Combine(directory, ".gitattributes"), overwrite: true);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}

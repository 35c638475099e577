using System.Text;
using GitOps.Rendering.Diff;

namespace GitOps.Testing;

/// <summary>
/// Compares one environment's rendered objects with a folder of verified snapshots. Strict: a missing snapshot is
/// written as received and fails, a verified file whose object is gone fails, a corrupt verified file fails; only
/// accepting (explicitly) writes verified files.
/// </summary>
internal static class SnapshotVerifier
{
    private const int MaxDiffLinesPerFile = 80;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="environment">The environment, for the message.</param>
    /// <param name="objects">Object files by path inside the environment (<c>shop/deployment_web.yaml</c>), already scrubbed.</param>
    /// <param name="directory">The snapshot folder.</param>
    /// <param name="accept">Write verified files instead of failing.</param>
    public static async Task VerifyAsync(string environment, IReadOnlyDictionary<string, string> objects, string directory, bool accept)
    {
        Directory.CreateDirectory(directory);
        var verifiedKeys = Directory.EnumerateFiles(directory, "*" + SnapshotFiles.VerifiedSuffix, SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(directory, path).Replace('\\', '/')[..^SnapshotFiles.VerifiedSuffix.Length] + ".yaml")
            .ToHashSet(StringComparer.Ordinal);
        var report = new MismatchReport();

        foreach (var (key, rendered) in objects.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var (verified, received) = PathsOf(directory, key);
            var existing = verifiedKeys.Contains(key) ? await ReadAsync(verified) : null;
            if (accept)
            {
                if (existing?.Text != rendered)
                {
                    await WriteAsync(verified, rendered);
                }

                File.Delete(received);
            }
            else if (existing is null)
            {
                await WriteAsync(received, rendered);
                report.Add("missing", key, UnifiedDiff.Create("", rendered, "/dev/null", key));
            }
            else if (existing.Text == rendered)
            {
                File.Delete(received);
            }
            else
            {
                await WriteAsync(received, rendered);
                var problem = existing.Problem is null ? "changed" : "corrupt";
                var diff = existing.Problem ?? UnifiedDiff.Create(existing.Text, rendered, Path.GetFileName(verified), Path.GetFileName(received));
                report.Add(problem, key, diff);
            }
        }

        foreach (var key in verifiedKeys.Where(key => !objects.ContainsKey(key)).Order(StringComparer.Ordinal))
        {
            var (verified, received) = PathsOf(directory, key);
            if (accept)
            {
                File.Delete(verified);
                File.Delete(received);
            }
            else
            {
                // An empty received file tells `gitops snapshots accept` to delete the snapshot.
                await WriteAsync(received, "");
                report.Add("dangling", key, $"{Path.GetFileName(verified)} has no rendered object any more; accepting deletes it.\n");
            }
        }

        if (report.Count > 0)
        {
            throw new SnapshotMismatchException(report.Message(environment, directory));
        }
    }

    private static (string Verified, string Received) PathsOf(string directory, string key)
    {
        var stem = Path.Combine(directory, key[..^".yaml".Length].Replace('/', Path.DirectorySeparatorChar));
        return (stem + SnapshotFiles.VerifiedSuffix, stem + SnapshotFiles.ReceivedSuffix);
    }

    private static async Task<VerifiedFile> ReadAsync(string path)
    {
        var bytes = await File.ReadAllBytesAsync(path);
        string text;
        try
        {
            text = Utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return new VerifiedFile("\0", $"{path} is not valid UTF-8 ({e.Message}); the received file holds the rendered object.\n");
        }

        try
        {
            ObjectYaml.Parse(text, path);
            return new VerifiedFile(text, null);
        }
        catch (InvalidDataException e)
        {
            return new VerifiedFile(text, $"{e.Message}\nThe received file holds the rendered object.\n");
        }
    }

    private static async Task WriteAsync(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, Utf8);
    }

    private static string Cut(string diff)
    {
        var lines = diff.Split('\n');
        return lines.Length <= MaxDiffLinesPerFile ? diff : string.Join('\n', lines.Take(MaxDiffLinesPerFile)) + $"\n… {lines.Length - MaxDiffLinesPerFile} more line(s)\n";
    }

    private sealed record VerifiedFile(string Text, string? Problem);

    private sealed class MismatchReport
    {
        private readonly List<(string Problem, string Key, string Detail)> entries = [];

        public int Count => entries.Count;

        public void Add(string problem, string key, string detail) => entries.Add((problem, key, detail));

        public string Message(string environment, string directory)
        {
            var text = new StringBuilder();
            text.Append("Rendered environment '").Append(environment).Append("' does not match its snapshots in ").Append(directory).Append(":\n");
            foreach (var (problem, key, _) in entries)
            {
                text.Append("  ").Append((problem + ":").PadRight(10)).Append(key).Append('\n');
            }

            foreach (var (problem, key, detail) in entries)
            {
                text.Append('\n').Append(problem).Append(' ').Append(key).Append('\n').Append(Cut(detail));
            }

            text.Append("\nReceived files (*.received.yaml) were written beside the verified ones. If the change is intended, accept it with ")
                .Append("`dotnet tool run gitops -- snapshots accept ").Append(directory).Append("` or by running the tests with ")
                .Append(SnapshotOptions.AcceptVariable).Append("=1, then review and commit the *.verified.yaml files.\n");
            return text.ToString();
        }
    }
}

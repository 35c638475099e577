namespace GitOps.Cli.Tests.Image;

/// <summary>
/// The instructions of a Dockerfile, by stage: enough to check what the build stage copies and runs and what the
/// runtime stage runs as, without a Docker engine.
/// </summary>
internal sealed class Dockerfile
{
    private Dockerfile(IReadOnlyList<Stage> stages) => Stages = stages;

    public IReadOnlyList<Stage> Stages { get; }

    public static Dockerfile Read(string path)
    {
        var stages = new List<Stage>();
        foreach (var (line, number) in LogicalLines(File.ReadAllLines(path)))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(words[0], words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null));
                continue;
            }

            Assert.True(stages.Count > 0, $"{path}:{number}: {keyword} before the first FROM");
            stages[^1].Instructions.Add(new Instruction(keyword, arguments, number));
        }

        return new Dockerfile(stages);
    }

    /// <summary>Lines joined across trailing backslashes, without comments and blank lines, with the number of their first line.</summary>
    private static IEnumerable<(string Line, int Number)> LogicalLines(string[] lines)
    {
        var current = "";
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (current.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (current.Length == 0)
            {
                start = i + 1;
            }

            if (line.EndsWith('\\'))
            {
                current += line[..^1] + " ";
                continue;
            }

            yield return ((current + line).Trim(), start);
            current = "";
        }
    }

    internal sealed record Stage(string Image, string? Name)
    {
        public List<Instruction> Instructions { get; } = [];
    }

    internal sealed record Instruction(string Keyword, string Arguments, int Line)
    {
        /// <summary>The words after the keyword; for the JSON (exec) form, the array's strings.</summary>
        public IReadOnlyList<string> Words =>
            Arguments.StartsWith('[')
                ? System.Text.Json.JsonSerializer.Deserialize<string[]>(Arguments)!
                : Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        /// <summary>For COPY: the --flag=value options.</summary>
        public IReadOnlyDictionary<string, string> Flags =>
            Words.TakeWhile(w => w.StartsWith("--", StringComparison.Ordinal))
                .Select(w => w[2..].Split('=', 2))
                .ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "", StringComparer.Ordinal);

        /// <summary>For COPY: the sources (everything but the flags and the destination).</summary>
        public IReadOnlyList<string> Sources => [.. Words.SkipWhile(w => w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1)];

        public string Destination => Words[^1];
    }
}

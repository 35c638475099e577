using System.Globalization;

namespace GitOps.Bench;

/// <summary>Command-line options: <c>--sizes 10,100,500 --repeat 3 --timeout 300 --gitops PATH --work DIR --keep</c>.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> Sizes, int Repeat, TimeSpan Timeout, string? Gitops, string? WorkDirectory, bool Keep)
{
    private const string Usage = "Options: --sizes 10,100,500  --repeat 3  --timeout SECONDS (per kubectl kustomize run, default 300)  --gitops PATH (an executable, or a gitops.dll run through dotnet)  --work DIR  --keep";

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions([10, 100, 500], 3, TimeSpan.FromSeconds(300), null, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            options = args[i] switch
            {
                "--sizes" => options with { Sizes = Value(args, ++i).Split(',').Select(size => int.Parse(size, CultureInfo.InvariantCulture)).ToList() },
                "--repeat" => options with { Repeat = int.Parse(Value(args, ++i), CultureInfo.InvariantCulture) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(int.Parse(Value(args, ++i), CultureInfo.InvariantCulture)) },
                "--gitops" => options with { Gitops = Path.GetFullPath(Value(args, ++i)) },
                "--work" => options with { WorkDirectory = Path.GetFullPath(Value(args, ++i)) },
                "--keep" => options with { Keep = true },
                var unknown => throw new ArgumentException($"Unknown option '{unknown}'. {Usage}"),
            };
        }

        return options.Repeat < 1 || options.Sizes.Count == 0 || options.Sizes.Any(size => size < 1)
            ? throw new ArgumentException("--sizes needs positive numbers and --repeat at least 1.")
            : options;
    }

    private static string Value(string[] args, int index) =>
        index < args.Length ? args[index] : throw new ArgumentException($"{args[index - 1]} needs a value.");
}

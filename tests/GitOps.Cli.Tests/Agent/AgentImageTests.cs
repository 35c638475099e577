using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOps.Cli.Tests.Agent;

/// <summary>
/// The agent image's build and runtime settings (src/GitOps.Cli/Dockerfile), which the soak bench measured. The
/// runtime reads every DOTNET_ GC variable as hexadecimal and ignores a heap percentage outside 1-99, so a value
/// written in decimal ("75" is 117%) silently does nothing.
/// </summary>
public sealed partial class AgentImageTests
{
    private static readonly string Dockerfile = File.ReadAllText(Path.Combine(Checkout(), "src", "GitOps.Cli", "Dockerfile"));

    [Fact]
    public void The_image_publishes_the_agent_ReadyToRun_for_linux_x64()
    {
        var publish = Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal).Split('\n').Single(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));

        Assert.Contains("-r linux-x64", publish, StringComparison.Ordinal);
        Assert.Contains("-p:PublishReadyToRun=true", publish, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_GC_variable_of_the_image_is_a_hexadecimal_value_the_runtime_accepts()
    {
        var gc = ImageEnvironment().Where(e => e.Key.StartsWith("DOTNET_GC", StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.NotEmpty(gc);
        Assert.All(gc, e => Assert.True(TryHex(e.Value, out _), $"{e.Key}={e.Value} is not hexadecimal"));
    }

    [Fact]
    public void The_GC_heap_limit_is_a_share_of_the_container_limit_the_runtime_honours()
    {
        var environment = ImageEnvironment();

        Assert.True(TryHex(environment["DOTNET_GCHeapHardLimitPercent"], out var percent));
        Assert.InRange(percent, 1, 99);
        Assert.True(TryHex(environment["DOTNET_GCConserveMemory"], out var conserve));
        Assert.InRange(conserve, 1, 9);
        Assert.Equal("0", environment["DOTNET_gcServer"]);
    }

    [Fact]
    public void The_gen0_budget_is_capped_under_the_name_the_runtime_reads()
    {
        var environment = ImageEnvironment();

        // The runtime's name is GCGen0MaxBudget (GC.GetConfigurationVariables shows it); "DOTNET_GCgen0MaxBudget", as
        // some documents spell it, is not read on Linux, where environment variable names are case-sensitive.
        Assert.True(TryHex(environment["DOTNET_GCGen0MaxBudget"], out var budget));
        Assert.InRange(budget, 1 << 20, 16 << 20);
        Assert.DoesNotContain(environment.Keys, k => k.Equals("DOTNET_GCgen0MaxBudget", StringComparison.Ordinal));
    }

    [Fact]
    public void The_thread_pool_is_capped_above_what_the_agent_blocks_at_once()
    {
        // Hexadecimal like the GC's: "8" and "0x8" are both 8, but "16" would be 22. What blocks a worker (a fetch or
        // push through libgit2, a signature check, the dashboard's reads of the git cache) is rare and short; the
        // rest awaits I/O.
        Assert.True(TryHex(ImageEnvironment()["DOTNET_ThreadPool_ForceMaxWorkerThreads"], out var workers));
        Assert.InRange(workers, 4, 16);
    }

    private static Dictionary<string, string> ImageEnvironment()
    {
        var text = Dockerfile.Replace("\\\n", " ", StringComparison.Ordinal);
        var finalStage = text[text.LastIndexOf("\nFROM ", StringComparison.Ordinal)..];
        return finalStage.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(l => EnvPair().Matches(l[4..]))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim('"'));
    }

    private static bool TryHex(string value, out long number) =>
        long.TryParse(value.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? value[2..] : value, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number);

    [GeneratedRegex(@"([A-Za-z_][A-Za-z0-9_]*)=(""[^""]*""|\S+)")]
    private static partial Regex EnvPair();

    private static string Checkout()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GitOpsDsl.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("no checkout above the test assembly");
    }
}

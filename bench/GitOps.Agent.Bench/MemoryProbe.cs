using System.Globalization;

/// <summary>
/// Splits this process's resident memory into what the GC heap holds, what is mapped from the git cache's pack
/// files, and the rest (native allocations, code, stacks), so a growing working set can be pinned on its cause.
/// </summary>
internal static class MemoryProbe
{
    public static string Describe(string cacheDirectory)
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        var info = GC.GetGCMemoryInfo();
        var generations = string.Join(" ", Enumerable.Range(0, info.GenerationInfo.Length)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"g{g}={Mib(info.GenerationInfo[g].SizeAfterBytes)}/frag {Mib(info.GenerationInfo[g].FragmentationAfterBytes)}")));
        var (packRss, anonRss) = MappedRss();
        var packs = Directory.Exists(cacheDirectory)
            ? Directory.EnumerateFiles(cacheDirectory, "*.pack", SearchOption.AllDirectories).Count()
            : 0;
        var loose = Directory.Exists(cacheDirectory)
            ? Directory.EnumerateDirectories(cacheDirectory, "??", SearchOption.AllDirectories).Sum(d => Directory.EnumerateFiles(d).Count())
            : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"live {Mib(live)}, gc heap {Mib(info.HeapSizeBytes)} (committed {Mib(info.TotalCommittedBytes)}; {generations}), pack-mapped rss {Mib(packRss)}, anonymous rss {Mib(anonRss)}, cache: {packs} packs, {loose} loose objects");
    }

    private static readonly Dictionary<string, long> Files = [];

    /// <summary>The file mappings with the most resident bytes at the last <see cref="Describe"/>.</summary>
    public static string TopFiles(int count) => string.Join(", ", Files.OrderByDescending(f => f.Value).Take(count)
        .Select(f => $"{Path.GetFileName(f.Key)} {Mib(f.Value)}")) + $"; all files {Mib(Files.Values.Sum())}";

    /// <summary>Resident bytes of mappings of *.pack/*.idx files, and of anonymous mappings, from /proc/self/smaps.</summary>
    private static (long Pack, long Anonymous) MappedRss()
    {
        if (!File.Exists("/proc/self/smaps"))
        {
            return (0, 0);
        }

        long pack = 0, anonymous = 0;
        Files.Clear();
        var current = "";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal) && !line.EndsWith(" kB", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                current = parts.Length >= 6 ? parts[5].Trim() : "";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line.AsSpan(4).Trim().ToString().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                if (current.EndsWith(".pack", StringComparison.Ordinal) || current.EndsWith(".idx", StringComparison.Ordinal))
                {
                    pack += kb;
                }
                else if (current.Length == 0 || current.StartsWith('['))
                {
                    anonymous += kb;
                }
                else
                {
                    Files[current] = Files.GetValueOrDefault(current) + kb;
                }
            }
        }

        return (pack, anonymous);
    }

    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MiB");
}

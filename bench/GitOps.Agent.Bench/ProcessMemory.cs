using System.Globalization;

/// <summary>
/// Another process's memory from /proc: resident and peak resident size (VmRSS, VmHWM), and the resident pages
/// split by what they hold, from /proc/PID/smaps, so a number can be pinned on its cause.
/// </summary>
internal static class ProcessMemory
{
    /// <summary>VmRSS and VmHWM (the kernel's high-water mark of VmRSS), in bytes.</summary>
    public static (long Rss, long Peak) Read(int pid)
    {
        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (rss, peak);
    }

    /// <summary>
    /// Resident bytes by kind: anonymous (the GC heap, native allocations, stacks), JIT code and loader heaps (the
    /// runtime maps them from a memfd "doublemapper" file to keep them write-xor-execute), ICU, the runtime's native
    /// libraries, managed assemblies, and the files with the most resident pages.
    /// </summary>
    public static string Breakdown(int pid, int topFiles)
    {
        var byMapping = new Dictionary<string, long>();
        var current = "";
        foreach (var line in File.ReadLines($"/proc/{pid}/smaps"))
        {
            if (line.Length > 0 && char.IsAsciiHexDigit(line[0]) && line.Contains('-', StringComparison.Ordinal) && !line.EndsWith(" kB", StringComparison.Ordinal))
            {
                var parts = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
                current = parts.Length >= 6 ? parts[5].Trim() : "";
            }
            else if (line.StartsWith("Rss:", StringComparison.Ordinal))
            {
                byMapping[current] = byMapping.GetValueOrDefault(current) + Kilobytes(line);
            }
        }

        var kinds = byMapping.GroupBy(m => Kind(m.Key)).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        var files = byMapping.Where(m => m.Key.StartsWith('/') && !m.Key.Contains("doublemapper", StringComparison.Ordinal))
            .OrderByDescending(m => m.Value).Take(topFiles).Select(m => $"{Path.GetFileName(m.Key)} {Mib(m.Value)}");
        return string.Join(", ", kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {Mib(k.Value)}"))
            + $"\n      largest files: {string.Join(", ", files)}";
    }

    private static string Kind(string mapping) => mapping switch
    {
        "" or "[heap]" or "[stack]" => "anonymous",
        _ when mapping.StartsWith("[anon", StringComparison.Ordinal) => "anonymous",
        _ when mapping.Contains("doublemapper", StringComparison.Ordinal) => "jit code+loader heaps",
        _ when mapping.Contains("libicu", StringComparison.Ordinal) => "icu",
        _ when mapping.EndsWith(".so", StringComparison.Ordinal) || mapping.Contains(".so.", StringComparison.Ordinal) => "native libraries",
        _ when mapping.EndsWith(".dll", StringComparison.Ordinal) => "managed assemblies",
        _ when mapping.StartsWith('[') => "kernel",
        _ => "other files",
    };

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    public static string Mib(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0} MiB");
}

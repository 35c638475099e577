namespace GitOps.Cli;

/// <summary>Plain aligned columns, like kubectl get: easy to read, grep and paste into a README.</summary>
internal static class TextTable
{
    public static void Write(TextWriter writer, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(headers).ToList();
        var widths = headers.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            writer.WriteLine(string.Join("   ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }
    }
}

using System.Text.Json;

namespace GitOps.Cli;

/// <summary>Shared JSON settings for `--output json`.</summary>
internal static class JsonOutput
{
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true };
}

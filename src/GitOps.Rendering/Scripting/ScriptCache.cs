using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Compiled scripts on disk, one folder per key. The key covers the tool, its dependencies, the environment and
/// the two top-level scripts; the folder lists every <c>#load</c>ed file with its content hash, checked on each
/// hit, so editing any script (even one loaded three levels down) recompiles.
/// </summary>
internal sealed class ScriptCache(string directory)
{
    private const string Format = "gitops-script-cache-1";

    public string Directory { get; } = directory;

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public static string Key(string repositoryRoot, string environment)
    {
        var text = new StringBuilder().Append(Format).Append('\n').Append(ToolFingerprint.Value).Append('\n').Append(environment).Append('\n');
        foreach (var script in new[] { RenderPaths.RootScript, RenderPaths.EnvironmentScript(environment) })
        {
            var path = Path.Combine(repositoryRoot, script);
            text.Append(script).Append('=').Append(File.Exists(path) ? Hash(File.ReadAllBytes(path)) : "-").Append('\n');
        }

        return Hash(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public CompiledScript? TryLoad(string repositoryRoot, string key)
    {
        var folder = Path.Combine(Directory, key);
        var manifestPath = Path.Combine(folder, "manifest.json");
        try
        {
            if (!File.Exists(manifestPath))
            {
                return null;
            }

            var manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), CacheManifestJson.Default.CacheManifest);
            if (manifest is null || manifest.Sources.Any(pair => !SourceMatches(repositoryRoot, pair.Key, pair.Value)))
            {
                return null;
            }

            ScriptCachePruning.MarkUsed(folder, DateTime.UtcNow);
            return new CompiledScript(File.ReadAllBytes(Path.Combine(folder, "script.dll")), File.ReadAllBytes(Path.Combine(folder, "script.pdb")), manifest.EntryType, manifest.EntryMethod, manifest.Sources);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            // A damaged or half-deleted entry is just a miss; the compile that follows rewrites it.
            return null;
        }
    }

    public void Store(string key, CompiledScript script)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var staging = Path.Combine(Directory, $"{key}.{Guid.NewGuid():N}.tmp");
            System.IO.Directory.CreateDirectory(staging);
            File.WriteAllBytes(Path.Combine(staging, "script.dll"), script.Assembly);
            File.WriteAllBytes(Path.Combine(staging, "script.pdb"), script.Symbols);
            File.WriteAllText(Path.Combine(staging, "manifest.json"), JsonSerializer.Serialize(new CacheManifest(script.EntryType, script.EntryMethod, new SortedDictionary<string, string>(script.Sources.ToDictionary(), StringComparer.Ordinal)), CacheManifestJson.Default.CacheManifest));
            var target = Path.Combine(Directory, key);
            if (System.IO.Directory.Exists(target))
            {
                System.IO.Directory.Delete(target, recursive: true);
            }

            // Rename is atomic: a concurrent reader sees the old entry, no entry, or the complete new one.
            System.IO.Directory.Move(staging, target);

            // Only a store makes the cache grow, so this is where it is kept bounded (never on a warm render).
            ScriptCachePruning.Prune(Directory, DateTime.UtcNow, CacheLimits.Default, keep: key);
        }
        catch (IOException)
        {
            // Another process stored the same key at the same moment; either copy is fine.
        }
        catch (UnauthorizedAccessException)
        {
            // A read-only cache only costs time.
        }
    }

    /// <summary><c>$GITOPS_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/gitops/scripts</c>, else <c>~/.cache/gitops/scripts</c>.</summary>
    public static string DefaultDirectory()
    {
        var configured = System.Environment.GetEnvironmentVariable("GITOPS_CACHE_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        var xdg = System.Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var baseDirectory = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDirectory, "gitops", "scripts");
    }

    private static bool SourceMatches(string repositoryRoot, string relativePath, string hash)
    {
        var path = Path.Combine(repositoryRoot, relativePath);
        return File.Exists(path) && Hash(File.ReadAllBytes(path)) == hash;
    }
}

/// <summary>What a cache entry's <c>manifest.json</c> holds: the entry point and every source file's hash.</summary>
internal sealed record CacheManifest(string EntryType, string EntryMethod, SortedDictionary<string, string> Sources);

/// <summary>Source-generated (de)serialization of <see cref="CacheManifest"/>: no reflection on the warm path.</summary>
[JsonSerializable(typeof(CacheManifest))]
internal sealed partial class CacheManifestJson : JsonSerializerContext;

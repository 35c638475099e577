using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Reconciler.Manifests;

/// <summary>
/// The parsed objects of one path at one commit, kept as JSON beside the git cache. A commit SHA pins the files
/// exactly, so an entry never goes stale; the key also holds the gitops version, so a parser change starts afresh.
/// A no-op re-run of the same commit then reads JSON (System.Text.Json, precompiled in the runtime) instead of parsing
/// YAML again in a cold process. Only a set that parsed without errors is kept, so a bad commit is always re-checked
/// and reported. One entry per path: writing a new commit's entry removes the path's older ones.
/// </summary>
internal sealed class ParsedManifestCache(string directory, string commitSha, string path)
{
    private const string Extension = ".json";
    private static readonly string ToolVersion = typeof(ParsedManifestCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
    private readonly string pathKey = Key($"{ToolVersion}\n{path.Trim('/')}");

    private string File => Path.Combine(directory, $"{commitSha}-{pathKey}{Extension}");

    /// <summary>The cached objects, or null when there is no entry (or it cannot be read: then it is parsed again).</summary>
    public IReadOnlyList<ManifestObject>? TryLoad()
    {
        try
        {
            if (JsonNode.Parse(System.IO.File.ReadAllBytes(File)) is not JsonArray entries)
            {
                return null;
            }

            var objects = new List<ManifestObject>(entries.Count);
            foreach (var entry in entries.OfType<JsonObject>())
            {
                // Detach the body from its entry, so it can be cloned and edited like a freshly parsed one.
                var body = entry["body"]!.AsObject();
                entry.Remove("body");
                objects.Add(new ManifestObject(body, entry["file"]!.GetValue<string>(), entry["line"]!.GetValue<int>()));
            }

            return objects;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or NullReferenceException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Keeps a clean parse. Best effort: a cache that cannot be written only costs the next run a parse.</summary>
    public void Save(IReadOnlyList<ManifestObject> objects)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var temporary = Path.Combine(directory, $".{Guid.NewGuid():N}.tmp");
            using (var stream = System.IO.File.Create(temporary))
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartArray();
                foreach (var o in objects)
                {
                    writer.WriteStartObject();
                    writer.WriteString("file", o.File);
                    writer.WriteNumber("line", o.Line);
                    writer.WritePropertyName("body");
                    o.Body.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            // Readers see the whole entry or none: a rename within one directory is atomic.
            System.IO.File.Move(temporary, File, overwrite: true);
            foreach (var older in Directory.EnumerateFiles(directory, $"*-{pathKey}{Extension}").Where(f => f != File))
            {
                System.IO.File.Delete(older);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort, see above.
        }
    }

    private static string Key(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}

using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOps.Reconciler.Planning;

namespace GitOps.Reconciler.Engine;

/// <summary>
/// For each object a successful run left exactly as desired: its uid, its resourceVersion and the applied hash it
/// carried then. The API server changes an object's resourceVersion with every write, so a live object that still has
/// that uid and resourceVersion, and whose desired hash is unchanged, is known unchanged without comparing a field;
/// the uid keeps an object re-created elsewhere (another cluster at the same address) from passing on a coincidence.
/// Anything else - a new hash, another resourceVersion, no entry - takes the full comparison. Kept per API server and
/// inventory beside the git cache; a missing or unreadable file only costs the next run that comparison.
/// </summary>
internal sealed class VerifiedObjects
{
    private const string Header = "gitops verified objects v1";
    private readonly ConcurrentDictionary<ObjectRef, Entry> entries = new();
    private readonly string? file;
    private bool changed;

    private VerifiedObjects(string? file) => this.file = file;

    /// <summary>An empty set kept in memory only.</summary>
    public static VerifiedObjects InMemory() => new(null);

    public static string PathFor(string cacheDirectory, string serverUrl, string inventoryNamespace, string inventoryName)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{serverUrl.TrimEnd('/')}\n{inventoryNamespace}/{inventoryName}")))[..16];
        return Path.Combine(cacheDirectory, "verified", key + ".tsv");
    }

    /// <summary>The set kept in <paramref name="path"/>; empty when the file is missing or not ours.</summary>
    public static VerifiedObjects Load(string path)
    {
        var verified = new VerifiedObjects(path);
        try
        {
            using var reader = new StreamReader(path);
            if (reader.ReadLine() != Header)
            {
                return verified;
            }

            while (reader.ReadLine() is { } line)
            {
                var parts = line.Split('\t');
                if (parts.Length == 7)
                {
                    var reference = new ObjectRef(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2], parts[3]);
                    verified.entries[reference] = new Entry(parts[4], parts[5], parts[6]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No file yet, or one we cannot read: every object takes the full comparison once.
        }

        return verified;
    }

    public int Count => entries.Count;

    public IEnumerable<ObjectRef> References => entries.Keys;

    /// <summary>True when <paramref name="live"/> (a list item) is the very object a run left as <paramref name="desired"/> wants it.</summary>
    public bool Vouches(DesiredObject desired, JsonElement live)
    {
        var hash = AppliedHash.Of(desired.Json);
        return hash is not null && entries.TryGetValue(desired.Ref, out var entry) && entry.Hash == hash
            && Read(live) is { } seen && seen == entry;
    }

    /// <summary>
    /// Records <paramref name="state"/> - the object as the apply returned it, or as found unchanged - as what
    /// <paramref name="desired"/> wants.
    /// </summary>
    public void Record(DesiredObject desired, LiveState state)
    {
        if (state.Uid is { Length: > 0 } uid
            && state.ResourceVersion is { Length: > 0 } resourceVersion
            && AppliedHash.Of(desired.Json) is { Length: > 0 } hash)
        {
            Set(desired.Ref, new Entry(uid, resourceVersion, hash));
        }
        else
        {
            Forget(desired.Ref);
        }
    }

    /// <summary>Keeps only <paramref name="references"/>: objects no longer desired (pruned) leave the set.</summary>
    public void RetainOnly(IReadOnlySet<ObjectRef> references)
    {
        foreach (var reference in entries.Keys.Where(r => !references.Contains(r)))
        {
            Forget(reference);
        }
    }

    public void Forget(ObjectRef reference) => changed |= entries.TryRemove(reference, out _);

    /// <summary>Writes the set when it changed (through a temporary file and a rename). Best effort.</summary>
    public void Save()
    {
        if (file is null || !changed)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
            using (var writer = new StreamWriter(temporary))
            {
                writer.WriteLine(Header);
                foreach (var (r, e) in entries.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
                {
                    writer.WriteLine($"{r.Group}\t{r.Kind}\t{r.Namespace}\t{r.Name}\t{e.Uid}\t{e.ResourceVersion}\t{e.Hash}");
                }
            }

            File.Move(temporary, file, overwrite: true);
            changed = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The next run compares in full instead.
        }
    }

    private void Set(ObjectRef reference, Entry entry)
    {
        if (!entries.TryGetValue(reference, out var old) || old != entry)
        {
            entries[reference] = entry;
            changed = true;
        }
    }

    private static Entry? Read(JsonElement live) =>
        ObjectMetadata.Field(live, "uid") is { } uid && ObjectMetadata.Field(live, "resourceVersion") is { } resourceVersion
        && AppliedHash.Of(live) is { } hash
            ? new Entry(uid, resourceVersion, hash)
            : null;

    private sealed record Entry(string Uid, string ResourceVersion, string Hash);
}

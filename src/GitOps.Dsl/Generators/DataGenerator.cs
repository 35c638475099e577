namespace GitOps.Dsl;

/// <summary>
/// The common part of <see cref="ConfigMapGenerator"/> and <see cref="SecretGenerator"/>: data from literals and
/// files, and a content-hash name suffix so that a change rolls the pods that use it (kustomize parity).
/// </summary>
public abstract class DataGenerator
{
    private protected DataGenerator(string name, string callerFile)
    {
        Name = name;
        CallerFile = callerFile;
    }

    /// <summary>The name before the hash suffix; pod templates refer to the object by this name.</summary>
    public string Name { get; }

    /// <summary>Key/value pairs.</summary>
    public IDictionary<string, string> Literals { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Files whose content becomes data, relative to the script that creates the generator. An entry is either
    /// <c>path</c> (the key is the file name) or <c>key=path</c>.
    /// </summary>
    public IList<string> Files { get; } = [];

    /// <summary>False to keep the plain name (no content-hash suffix).</summary>
    public bool HashSuffix { get; set; } = true;

    /// <summary>Extra labels on the generated object.</summary>
    public IDictionary<string, string> Labels { get; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    internal string CallerFile { get; }

    internal abstract string Kind { get; }
}

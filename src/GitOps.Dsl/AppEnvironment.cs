namespace GitOps.Dsl;

/// <summary>The environment an app is being built for: its name, namespace and typed values.</summary>
public sealed class AppEnvironment
{
    private readonly IReadOnlyDictionary<Type, object> valuesByType;

    internal AppEnvironment(string name, string? @namespace, IReadOnlyDictionary<Type, object> values)
    {
        Name = name;
        Namespace = @namespace;
        valuesByType = values;
    }

    /// <summary>The environment name, e.g. <c>prod</c>.</summary>
    public string Name { get; }

    /// <summary>The environment's target namespace, if it sets one.</summary>
    public string? Namespace { get; }

    /// <summary>
    /// The environment's values of type <typeparamref name="T"/>, as set with <c>e.Values(new T { ... })</c> in
    /// the environment script, or <c>new T()</c> (its defaults) when the environment sets none. Declare
    /// <typeparamref name="T"/> in <c>gitops.csx</c>; a misspelt value is then a compile error.
    /// </summary>
    public T Values<T>()
        where T : class, new() =>
        valuesByType.TryGetValue(typeof(T), out var value) ? (T)value : new T();

    /// <summary>True when this is the environment named <paramref name="name"/>.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.Ordinal);
}

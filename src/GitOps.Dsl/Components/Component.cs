namespace GitOps.Dsl;

/// <summary>
/// A reusable building block that yields several objects from a few lines. Derive from it in a shared script
/// (e.g. <c>templates/*.csx</c>) to make your own components.
/// </summary>
/// <param name="name">The component name: object names and the <c>app.kubernetes.io/name</c> label.</param>
public abstract class Component(string name)
{
    private readonly List<Action<object>> customizations = [];

    /// <summary>The component name.</summary>
    public string Name { get; } = name;

    /// <summary>
    /// Mutates every <typeparamref name="T"/> this component yields, after its defaults: the way to override any
    /// field the component's properties do not cover.
    /// </summary>
    public Component Configure<T>(Action<T> configure)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(configure);
        customizations.Add(item =>
        {
            if (item is T typed)
            {
                configure(typed);
            }
        });
        return this;
    }

    /// <summary>Yields the component's objects (typed models, generators, custom objects or other components).</summary>
    protected abstract IEnumerable<object> Build(ComponentContext context);

    /// <summary>Builds, expands nested components, and applies <see cref="Configure{T}"/> to every object that results.</summary>
    internal IReadOnlyList<object> Produce(ComponentContext context)
    {
        var items = new List<object>();
        Flatten(Build(context), items, context);
        foreach (var item in items)
        {
            foreach (var customize in customizations)
            {
                customize(item);
            }
        }

        return items;
    }

    private static void Flatten(object? item, List<object> into, ComponentContext context)
    {
        switch (item)
        {
            case Component nested:
                into.AddRange(nested.Produce(context));
                break;
            case System.Collections.IEnumerable many and not string and not System.Collections.IDictionary:
                foreach (var element in many)
                {
                    Flatten(element, into, context);
                }

                break;
            case not null:
                into.Add(item);
                break;
            default:
                throw new DslException($"a component of app '{context.AppName}' yielded null; components yield objects, generators or other components.");
        }
    }
}

using k8s.Models;

namespace GitOps.Dsl;

/// <summary>
/// Patch list items by key, which kustomize's strategic merge cannot express in code: containers by name,
/// env vars by name.
/// </summary>
public static class ListExtensions
{
    /// <summary>The container named <paramref name="name"/>; a clear error if the pod has none by that name.</summary>
    public static V1Container Container(this V1PodSpec pod, string name)
    {
        ArgumentNullException.ThrowIfNull(pod);
        return pod.Containers?.FirstOrDefault(container => container.Name == name)
            ?? throw new DslException($"the pod template has no container named '{name}' (it has: {string.Join(", ", pod.Containers?.Select(c => c.Name) ?? [])}).");
    }

    /// <summary>The container named <paramref name="name"/> in a Deployment's pod template.</summary>
    public static V1Container Container(this V1Deployment deployment, string name)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        return deployment.Spec.Template.Spec.Container(name);
    }

    /// <summary>The container named <paramref name="name"/> in a StatefulSet's pod template.</summary>
    public static V1Container Container(this V1StatefulSet statefulSet, string name)
    {
        ArgumentNullException.ThrowIfNull(statefulSet);
        return statefulSet.Spec.Template.Spec.Container(name);
    }

    /// <summary>Sets env var <paramref name="name"/> to <paramref name="value"/>, replacing an existing one in place.</summary>
    public static V1Container SetEnv(this V1Container container, string name, string value)
    {
        ArgumentNullException.ThrowIfNull(container);
        container.Env ??= [];
        var existing = container.Env.FirstOrDefault(env => env.Name == name);
        if (existing is null)
        {
            container.Env.Add(new V1EnvVar { Name = name, Value = value });
        }
        else
        {
            existing.Value = value;
            existing.ValueFrom = null;
        }

        return container;
    }

    /// <summary>Removes env var <paramref name="name"/> if present.</summary>
    public static V1Container RemoveEnv(this V1Container container, string name)
    {
        ArgumentNullException.ThrowIfNull(container);
        if (container.Env is not null)
        {
            foreach (var env in container.Env.Where(env => env.Name == name).ToList())
            {
                container.Env.Remove(env);
            }
        }

        return container;
    }
}

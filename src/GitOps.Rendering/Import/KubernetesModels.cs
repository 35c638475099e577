using GitOps.Dsl;
using k8s;
using k8s.Models;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>The typed <c>k8s.Models</c> class of each built-in apiVersion/kind, and whether a manifest fits it exactly.</summary>
internal static class KubernetesModels
{
    private static readonly FrozenDictionary<string, Type> ByApiVersionAndKind = typeof(V1Deployment).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(IKubernetesObject<V1ObjectMeta>).IsAssignableFrom(type))
        .Select(type => (Type: type, Entity: type.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(pair => pair.Entity is not null && !pair.Type.Name.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(pair => Key(KubernetesTypes.ApiVersionOf(pair.Entity!), pair.Entity!.Kind), StringComparer.Ordinal)
        .ToFrozenDictionary(group => group.Key, group => group.First().Type, StringComparer.Ordinal);

    /// <summary>The model class for an apiVersion and kind, or null when KubernetesClient has none.</summary>
    public static Type? Find(string apiVersion, string kind) =>
        ByApiVersionAndKind.TryGetValue(Key(apiVersion, kind), out var type) ? type : null;

    /// <summary>
    /// Null when <paramref name="manifest"/> survives a trip through <paramref name="type"/> unchanged (so a typed
    /// initializer renders back to the very same object); otherwise why not, naming the first field that differs.
    /// </summary>
    public static string? WhyNotExact(JsonObject manifest, Type type)
    {
        IKubernetesObject typed;
        try
        {
            typed = Deserialize(manifest, type);
        }
        catch (TargetInvocationException e) when (e.InnerException is JsonException json)
        {
            return $"{type.Name} cannot hold field {json.Path?.TrimStart('$', '.')}: {json.InnerException?.Message ?? json.Message}";
        }

        var back = KubernetesTypes.ToJson(typed);
        var difference = JsonTrees.FirstDifference(manifest, back);
        return difference is null ? null : $"{type.Name} does not keep field {difference} exactly (an unknown field, or a value of another type)";
    }

    /// <summary>Reads a manifest into its model class with KubernetesClient's own JSON settings.</summary>
    public static IKubernetesObject Deserialize(JsonObject manifest, Type type) =>
        (IKubernetesObject)DeserializeMethod.MakeGenericMethod(type).Invoke(null, [manifest.ToJsonString(), null])!;

    private static readonly MethodInfo DeserializeMethod = typeof(KubernetesJson).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(method => method.Name == nameof(KubernetesJson.Deserialize) && method.GetParameters() is [{ ParameterType: var first }, _] && first == typeof(string));

    private static string Key(string apiVersion, string kind) => apiVersion + "|" + kind;
}

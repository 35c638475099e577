using k8s;
using k8s.Models;
using System.Reflection;
using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>apiVersion/kind of the typed models and their conversion to plain JSON with Kubernetes' field names.</summary>
internal static class KubernetesTypes
{
    public static KubernetesEntityAttribute EntityOf(Type type) =>
        type.GetCustomAttribute<KubernetesEntityAttribute>()
        ?? throw new DslException($"{type.Name} is not a Kubernetes object type (it has no [KubernetesEntity] attribute).");

    public static string ApiVersionOf(KubernetesEntityAttribute entity) =>
        string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";

    /// <summary>Serializes with KubernetesJson (camelCase names, IntOrString, quantities) and fills apiVersion/kind if unset.</summary>
    public static JsonObject ToJson(IKubernetesObject obj)
    {
        var json = JsonNode.Parse(KubernetesJson.Serialize(obj))!.AsObject();
        var entity = obj.GetType().GetCustomAttribute<KubernetesEntityAttribute>();
        if (entity is not null)
        {
            var ordered = new JsonObject
            {
                ["apiVersion"] = string.IsNullOrEmpty(obj.ApiVersion) ? ApiVersionOf(entity) : obj.ApiVersion,
                ["kind"] = string.IsNullOrEmpty(obj.Kind) ? entity.Kind : obj.Kind,
            };
            foreach (var (key, value) in json.ToList())
            {
                if (key is not ("apiVersion" or "kind"))
                {
                    json.Remove(key);
                    ordered[key] = value;
                }
            }

            json = ordered;
        }

        return json;
    }
}

using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitOps.Dsl;

/// <summary>Turns a <see cref="CustomObject"/> and its nested maps into plain JSON, keeping every value as given.</summary>
internal static class CustomObjects
{
    public static JsonObject ToJson(CustomObject custom)
    {
        var metadata = new JsonObject { ["name"] = custom.Name };
        if (custom.Namespace is not null)
        {
            metadata["namespace"] = custom.Namespace;
        }

        if (custom.Labels.Count > 0)
        {
            metadata["labels"] = ToNode(custom.Labels);
        }

        if (custom.Annotations.Count > 0)
        {
            metadata["annotations"] = ToNode(custom.Annotations);
        }

        var json = new JsonObject { ["apiVersion"] = custom.ApiVersion, ["kind"] = custom.Kind, ["metadata"] = metadata };
        if (custom.Spec is not null)
        {
            json["spec"] = ToNode(custom.Spec);
        }

        foreach (var (key, value) in custom.Fields)
        {
            json[key] = ToNode(value);
        }

        return json;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        IDictionary map => ToObject(map),
        IEnumerable list => new JsonArray(list.Cast<object?>().Select(ToNode).ToArray()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static JsonObject ToObject(IDictionary map)
    {
        var json = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            json[Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture)!] = ToNode(entry.Value);
        }

        return json;
    }
}

using k8s.Models;
using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>The C# expression an app yields for one planned object.</summary>
internal static class ObjectWriter
{
    public static string Expression(PlannedObject planned) => planned.Item.Form switch
    {
        ItemForm.Generator => Generator(planned.Manifest),
        ItemForm.Typed when planned.Item.ModelType == typeof(V1Secret) => TypedInitializer.Object(planned.Manifest, typeof(V1Secret)) + ".AllowLiteralDataInGit()",
        ItemForm.Typed => TypedInitializer.Object(planned.Manifest, planned.Item.ModelType!),
        _ => UntypedInitializer.Object(planned.Manifest, planned.MarkClusterScoped),
    };

    private static string Generator(JsonObject manifest)
    {
        var secret = (string?)manifest["kind"] == "Secret";
        var members = new List<string>();
        var literals = ((JsonObject)manifest["data"]!).Select(pair =>
        {
            var value = (string)pair.Value!;
            var text = secret ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(value)) : value;
            return $"[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String(text)}";
        }).ToList();
        members.Add($"Literals = {CSharpLiterals.Block("{", literals, "}", "{ }")}");
        if (manifest["metadata"]?["labels"] is JsonObject { Count: > 0 } labels)
        {
            var entries = labels.Select(pair => $"[{CSharpLiterals.String(pair.Key)}] = {CSharpLiterals.String((string)pair.Value!)}").ToList();
            members.Add($"Labels = {CSharpLiterals.Block("{", entries, "}", "{ }")}");
        }

        if (secret)
        {
            members.Add($"Type = {CSharpLiterals.String((string?)manifest["type"] ?? "Opaque")}");
            members.Add("AllowLiteralDataInGit = true");
        }

        var head = $"new {(secret ? "SecretGenerator" : "ConfigMapGenerator")}({CSharpLiterals.String((string)manifest["metadata"]!["name"]!)})";
        return CSharpLiterals.Block($"{head} {{", members, "}", head);
    }
}

using System.Text.Json.Nodes;

namespace GitOps.Dsl.Tests;

/// <summary>Runs the DSL the way the script host does, without Roslyn: declare, then evaluate one environment.</summary>
internal sealed class Dsl : IDisposable
{
    public Dsl(string environment = "dev")
    {
        Root = Path.Combine(Path.GetTempPath(), "gitops-dsl-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        Globals = new ScriptGlobals(Root, environment);
        Environment = environment;
    }

    public string Root { get; }

    public string Environment { get; }

    public ScriptGlobals Globals { get; }

    public string Write(string path, string content)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return full;
    }

    public EnvironmentManifest Evaluate(Action<EnvironmentBuilder>? configure = null)
    {
        if (Globals.DefinedEnvironment is null)
        {
            Globals.Environment(Environment, configure ?? (_ => { }), file: $"environments/{Environment}.csx", line: 1);
        }

        return EnvironmentEvaluator.Evaluate(Globals);
    }

    public static JsonObject One(EnvironmentManifest manifest, string kind, string? nameStartsWith = null) =>
        manifest.Objects.Single(o => o.Kind == kind && (nameStartsWith is null || o.Name.StartsWith(nameStartsWith, StringComparison.Ordinal))).Manifest;

    public static JsonNode? At(JsonNode node, string path)
    {
        JsonNode? current = node;
        foreach (var part in path.Split('.'))
        {
            current = int.TryParse(part, out var index) ? current?[index] : current?[part];
        }

        return current;
    }

    public static string? Text(JsonNode node, string path) => (string?)At(node, path);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

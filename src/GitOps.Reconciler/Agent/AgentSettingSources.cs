using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Reconciler.Agent;

/// <summary>
/// Where each agent setting comes from, first match wins: the command-line flag, the environment variable
/// <c>GITOPS_&lt;NAME&gt;</c> (upper case, dashes as underscores: <c>--allowed-signers</c> is
/// <c>GITOPS_ALLOWED_SIGNERS</c>), then the config file (a flat YAML mapping with the flag names as keys).
/// </summary>
public sealed class AgentSettingSources
{
    private readonly IReadOnlyDictionary<string, string> file;
    private readonly Func<string, string?> environment;

    public AgentSettingSources(string? configFile, Func<string, string?>? environment = null)
    {
        this.environment = environment ?? Environment.GetEnvironmentVariable;
        file = configFile is null ? new Dictionary<string, string>() : Load(configFile);
    }

    /// <summary>The environment variable for a setting: <c>allowed-signers</c> is <c>GITOPS_ALLOWED_SIGNERS</c>.</summary>
    public static string VariableFor(string name) => "GITOPS_" + name.Replace('-', '_').ToUpperInvariant();

    public string? Get(string name, string? flag) =>
        flag ?? NonEmpty(environment(VariableFor(name))) ?? file.GetValueOrDefault(name);

    public bool GetBool(string name, bool flag)
    {
        if (flag)
        {
            return true;
        }

        var text = Get(name, null);
        return text is not null && (bool.TryParse(text, out var value)
            ? value
            : throw new ReconcileException($"setting '{name}': '{text}' is not true or false"));
    }

    private static Dictionary<string, string> Load(string path)
    {
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ReconcileException($"{path}:{e.Start.Line}: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new ReconcileException($"config file {path}: {e.Message}", e);
        }

        if (stream.Documents.Count == 0)
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            throw new ReconcileException($"{path}: expected a mapping of setting names to values");
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            settings[name] = value switch
            {
                YamlScalarNode scalar => scalar.Value ?? "",
                YamlSequenceNode list => string.Join('\n', list.Children.OfType<YamlScalarNode>().Select(s => s.Value)),
                _ => throw new ReconcileException($"{path}:{key.Start.Line}: '{name}' must be a value or a list of values"),
            };
        }

        return settings;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}

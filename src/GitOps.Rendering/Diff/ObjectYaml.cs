using System.Text.Json.Nodes;
using GitOps.Dsl;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Rendering.Diff;

/// <summary>
/// Reads one rendered object file back into plain JSON, resolving plain scalars the way kubectl's YAML 1.1 reader
/// does, so a field diff compares values (<c>3</c> vs <c>"3"</c> differ) rather than text.
/// </summary>
public static class ObjectYaml
{
    /// <summary>Parses <paramref name="yaml"/>; <paramref name="source"/> names the file in errors.</summary>
    /// <exception cref="InvalidDataException">The text is not YAML, or not a single map.</exception>
    public static JsonObject Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            using var reader = new StringReader(yaml);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new InvalidDataException($"{source}({e.Start.Line},{e.Start.Column}): not valid YAML: {e.Message}", e);
        }

        if (stream.Documents.Count != 1 || YamlDocuments.Convert(stream.Documents[0].RootNode) is not JsonObject json)
        {
            throw new InvalidDataException($"{source}: a rendered object file holds exactly one YAML map (found {stream.Documents.Count} document(s)).");
        }

        return json;
    }
}

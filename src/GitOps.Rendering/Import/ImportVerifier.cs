using System.Text.Json.Nodes;

namespace GitOps.Rendering.Import;

/// <summary>
/// Checks the round-trip contract: renders the imported repository with the real script host and validation, and
/// compares every environment's objects with the input (map key order and nulls aside, values and types exact).
/// </summary>
public static class ImportVerifier
{
    /// <summary>Every difference found, each naming the environment and object; empty when the import is exact.</summary>
    /// <exception cref="RenderException">The imported scripts do not compile or do not validate.</exception>
    public static IReadOnlyList<string> Verify(string repositoryRoot, ImportResult result, string? cacheDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var environments = result.Expected.Keys.ToList();
        var (manifests, _, _) = EnvironmentRenderer.Render(repositoryRoot, environments, strict: false, cacheDirectory);
        var problems = new List<string>();
        foreach (var manifest in manifests)
        {
            var rendered = manifest.Objects.ToDictionary(o => Key(o.Manifest), o => o.Manifest, StringComparer.Ordinal);
            var expected = result.Expected[manifest.Name];
            foreach (var want in expected)
            {
                if (!rendered.TryGetValue(Key(want), out var got))
                {
                    problems.Add($"{manifest.Name}: {Key(want)} is missing from the render");
                }
                else if (JsonTrees.FirstDifference(want, got) is { } path)
                {
                    problems.Add($"{manifest.Name}: {Key(want)} differs at {path}");
                }
            }

            var wanted = expected.Select(Key).ToHashSet(StringComparer.Ordinal);
            problems.AddRange(rendered.Keys.Where(key => !wanted.Contains(key)).Select(key => $"{manifest.Name}: {key} is rendered but was not in the input"));
        }

        return problems;
    }

    private static string Key(JsonObject manifest) =>
        $"{manifest["apiVersion"]} {manifest["kind"]} {manifest["metadata"]?["namespace"]}/{manifest["metadata"]?["name"]}".Replace(" /", " ", StringComparison.Ordinal);
}

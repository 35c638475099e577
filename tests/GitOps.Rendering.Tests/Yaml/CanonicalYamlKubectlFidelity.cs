using System.Text.Json.Nodes;
using CsCheck;
using GitOps.Rendering.Tests.Support;
using GitOps.Rendering.Yaml;

namespace GitOps.Rendering.Tests.Yaml;

/// <summary>kubectl (go-yaml, YAML 1.1 rules) is the reader that matters most: every string must come back unchanged.</summary>
public class CanonicalYamlKubectlFidelity
{
    [Fact]
    public void Real_world_manifests_rewritten_canonically_read_back_in_kubectl_as_the_same_objects()
    {
        Assert.SkipUnless(Kubectl.OnPath(), "kubectl is not on the PATH");
        var manifests = Corpus.Manifests().ToList();
        Assert.NotEmpty(manifests);
        foreach (var original in manifests)
        {
            var asRead = JsonNode.Parse(Kubectl.ReadAsJson(original))!;
            var canonical = Path.Combine(Path.GetTempPath(), $"gitops-yaml-{Guid.NewGuid():N}.yaml");
            File.WriteAllBytes(canonical, CanonicalYaml.WriteUtf8Bytes(asRead));
            try
            {
                var yaml = File.ReadAllText(canonical);

                Assert.True(JsonNode.DeepEquals(asRead, JsonNode.Parse(Kubectl.ReadAsJson(canonical))), $"{original} changed:\n{yaml}");
                Assert.StartsWith("apiVersion: ", yaml, StringComparison.Ordinal);
            }
            finally
            {
                File.Delete(canonical);
            }
        }
    }

    [Fact]
    public void Kubectl_reads_every_special_token_back_as_the_very_same_string() =>
        AssertKubectlReadsBack(
            TrickyStrings.Tokens
                .Concat(TrickyStrings.Tokens.Select(token => token + "\n"))
                .Concat(TrickyStrings.Tokens.Select(token => token + "\nsecond line\n\n"))
                .ToList());

    [Fact]
    public void Kubectl_reads_random_tricky_strings_back_as_the_very_same_strings() =>
        TrickyStrings.Any.Array[200].Sample(texts => AssertKubectlReadsBack(texts), iter: 3, threads: 1);

    private static void AssertKubectlReadsBack(IReadOnlyList<string> texts)
    {
        Assert.SkipUnless(Kubectl.OnPath(), "kubectl is not on the PATH");
        var data = new JsonObject();
        var annotations = new JsonObject();
        for (var i = 0; i < texts.Count; i++)
        {
            data[$"k{i:D4}"] = texts[i];
            annotations[$"example.com/{i:D4}{texts[i]}"] = texts[i];
        }

        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = "fidelity", ["annotations"] = annotations },
            ["data"] = data,
        };
        var file = Path.Combine(Path.GetTempPath(), $"gitops-yaml-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(file, CanonicalYaml.WriteUtf8Bytes(configMap));
        try
        {
            var read = JsonNode.Parse(Kubectl.ReadAsJson(file))!;

            for (var i = 0; i < texts.Count; i++)
            {
                var key = $"k{i:D4}";
                Assert.Equal(JsonNode.Parse(data[key]!.ToJsonString())!.ToJsonString(), read["data"]![key]?.ToJsonString());
                Assert.Equal(texts[i], read["data"]![key]!.GetValue<string>());
                Assert.Equal(texts[i], read["metadata"]!["annotations"]![$"example.com/{i:D4}{texts[i]}"]!.GetValue<string>());
            }
        }
        finally
        {
            File.Delete(file);
        }
    }
}

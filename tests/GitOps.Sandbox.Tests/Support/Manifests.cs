using k8s;
using k8s.Models;

namespace GitOps.Sandbox.Tests.Support;

internal static class CorpusObjects
{
    public static V1Deployment Deployment(params string[] path) => KubernetesYaml.Deserialize<V1Deployment>(File.ReadAllText(Corpus.Path(path)));

    public static V1Service Service(params string[] path) => KubernetesYaml.Deserialize<V1Service>(File.ReadAllText(Corpus.Path(path)));

    /// <summary>An apply patch as kubectl sends it: the manifest as JSON.</summary>
    public static V1Patch Apply(object manifest) => new(KubernetesJson.Serialize(manifest), V1Patch.PatchType.ApplyPatch);
}

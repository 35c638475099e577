using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace GitOps.Reconciler.Tests.Connection;

/// <summary>
/// Keeps KubernetesClient's typed API out of the reconciler and the agent. Constructing <c>k8s.Kubernetes</c> and using
/// its typed operations and models cost the agent about 16 MiB more resident memory than the same requests as raw JSON
/// over our own HttpClient (KubernetesClient.dll alone was 14.8 MiB resident in the running agent, plus the loader heap
/// and JIT of its types), against a soak target of 150 MiB for 5,000 objects. Only the kubeconfig loader's
/// fallback may use KubernetesClient's configuration (<see cref="KubernetesClientMentionTests"/>). Checked on the
/// compiled assembly's type references, so any new use - a field, a catch clause, a generic argument - fails here.
/// </summary>
public sealed class TypedClientReferenceTests
{
    [Fact]
    public void The_reconciler_assembly_references_no_kubernetes_client_leader_election_or_typed_models()
    {
        var forbidden = ReferencedTypes(typeof(Reconciler).Assembly.Location)
            .Where(name => name is "k8s.Kubernetes" or "k8s.IKubernetes"
                || name.StartsWith("k8s.Kubernetes+", StringComparison.Ordinal)
                || name.StartsWith("k8s.LeaderElection.", StringComparison.Ordinal)
                || name.StartsWith("k8s.Models.", StringComparison.Ordinal)
                || name.StartsWith("k8s.Autorest.HttpOperationException", StringComparison.Ordinal))
            .ToList();

        Assert.Empty(forbidden);
    }

    [Fact]
    public void The_reference_check_sees_kubernetes_client_types_where_they_are_used()
    {
        // This test assembly uses KubernetesClient as a second, independent client: the same reading must find it.
        var references = ReferencedTypes(typeof(TypedClientReferenceTests).Assembly.Location);

        Assert.Contains("k8s.Kubernetes", references);
        Assert.Contains(references, name => name.StartsWith("k8s.Models.", StringComparison.Ordinal));
    }

    /// <summary>Full names of every type the assembly references in other assemblies; nested types as <c>Outer+Inner</c>.</summary>
    private static HashSet<string> ReferencedTypes(string assemblyFile)
    {
        using var pe = new PEReader(File.OpenRead(assemblyFile));
        var metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            names.Add(FullName(metadata, handle));
        }

        return names;
    }

    private static string FullName(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        return type.ResolutionScope.Kind == HandleKind.TypeReference
            ? $"{FullName(metadata, (TypeReferenceHandle)type.ResolutionScope)}+{name}"
            : type.Namespace.IsNil ? name : $"{metadata.GetString(type.Namespace)}.{name}";
    }
}

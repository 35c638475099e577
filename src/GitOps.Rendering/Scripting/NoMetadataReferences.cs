using Microsoft.CodeAnalysis;
using System.Collections.Immutable;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Resolves no <c>#r</c> at all: a render must depend only on the repository and the tool, never on assemblies
/// or packages on the machine. <see cref="ScriptDirectives"/> reports each <c>#r</c> with a clear message.
/// </summary>
internal sealed class NoMetadataReferences : MetadataReferenceResolver
{
    public static readonly NoMetadataReferences Instance = new();

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) => [];

    public override bool Equals(object? other) => other is NoMetadataReferences;

    public override int GetHashCode() => nameof(NoMetadataReferences).GetHashCode(StringComparison.Ordinal);
}

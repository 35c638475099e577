namespace GitOps.Dsl;

/// <summary>A kustomize-style image override: containers using <see cref="Name"/> get the new name, tag or digest.</summary>
internal sealed record ImageOverride(string Name, string? NewTag, string? NewName, string? Digest)
{
    public string? Rewrite(string image)
    {
        var (name, oldSuffix) = ImageReference.Split(image);
        if (name != Name)
        {
            return null;
        }

        var suffix = Digest is not null ? "@" + Digest : NewTag is not null ? ":" + NewTag : oldSuffix;
        return (NewName ?? Name) + suffix;
    }
}

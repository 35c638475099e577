namespace GitOps.Sandbox.Api;

/// <summary>The resources currently served: the built-ins plus those added by established CRDs.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock gate = new();
    private IReadOnlyList<ResourceType> types = BuiltInResources.All;

    public IReadOnlyList<ResourceType> All => types;

    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var type in types)
        {
            if (type.Plural == plural && type.Version == version && type.Group == group)
            {
                return type;
            }
        }

        return null;
    }

    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        foreach (var type in types)
        {
            if (type.Kind == kind && type.GroupVersion == apiVersion)
            {
                return type;
            }
        }

        return null;
    }

    public bool ServesGroupVersion(string group, string version) =>
        types.Any(type => type.Group == group && type.Version == version);

    public void ReplaceCustom(string crdName, IReadOnlyList<ResourceType> served)
    {
        lock (gate)
        {
            types = [.. types.Where(type => type.CrdName != crdName), .. served];
        }
    }

    public void RemoveCustom(string crdName) => ReplaceCustom(crdName, []);
}

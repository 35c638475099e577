using GitOps.Reconciler.Inventory;

namespace GitOps.Reconciler.Tests.Inventory;

public sealed class ApplySetIdTests
{
    [Fact]
    public void The_id_follows_kep_3659_base64url_sha256_of_name_namespace_kind_group()
    {
        // Expected value computed independently: python3 -c "hashlib.sha256(b'gitops-prod.gitops-system.ConfigMap.')" + urlsafe base64.
        Assert.Equal("applyset--a1KXVHy4UBuH6MH-C4IIp05YMk38Uu2cj7IIZL-FXY-v1", ApplySetId.Compute("gitops-prod", "gitops-system", "ConfigMap", ""));
    }

    [Fact]
    public void Inventory_members_round_trip_through_their_serialized_line()
    {
        var member = new InventoryMember("apps", "v1", "Deployment", "shop", "front-end");
        var clusterScoped = new InventoryMember("", "v1", "Namespace", null, "shop");

        Assert.Equal("apps/v1 Deployment shop front-end", member.Serialize());
        Assert.Equal(member, InventoryMember.Parse(member.Serialize()));
        Assert.Equal(clusterScoped, InventoryMember.Parse(clusterScoped.Serialize()));
    }

    [Fact]
    public void Default_inventory_names_are_valid_object_names_derived_from_the_path()
    {
        Assert.Equal("gitops-prod", InventoryNames.FromPath("prod"));
        Assert.Equal("gitops-clusters-eu-west", InventoryNames.FromPath("/clusters/EU_West/"));
        Assert.Equal("gitops", InventoryNames.FromPath("."));
    }
}

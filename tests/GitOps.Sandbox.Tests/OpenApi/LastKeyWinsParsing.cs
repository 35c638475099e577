using GitOps.Sandbox.Api;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class LastKeyWinsParsing
{
    [Fact]
    public void A_repeated_json_key_keeps_its_last_value()
    {
        var parsed = Manifests.ParseObject("""{"a":1,"b":{"c":"x","c":"y"},"a":2}"""u8.ToArray(), yaml: false);

        Assert.Equal("""{"a":2,"b":{"c":"y"}}""", parsed.ToJsonString());
    }

    [Fact]
    public void A_repeated_yaml_key_keeps_its_last_value_and_scalars_resolve_as_kubernetes_does()
    {
        var parsed = Manifests.ParseObject("""
            replicas: 1
            replicas: 3
            name: "007"
            enabled: true
            empty:
            ratio: 0.5
            """u8.ToArray(), yaml: true);

        Assert.Equal("""{"replicas":3,"name":"007","enabled":true,"empty":null,"ratio":0.5}""", parsed.ToJsonString());
    }

    [Fact]
    public void Yaml_anchors_and_aliases_are_expanded()
    {
        var parsed = Manifests.ParseObject("""
            base: &labels
              app: web
            copy: *labels
            list: [&one 1, *one]
            """u8.ToArray(), yaml: true);

        Assert.Equal("""{"base":{"app":"web"},"copy":{"app":"web"},"list":[1,1]}""", parsed.ToJsonString());
    }

    [Fact]
    public void Malformed_yaml_is_a_bad_request()
    {
        var error = Assert.Throws<ApiException>(() => Manifests.Parse("a: [1, 2\nb: 3"u8.ToArray(), yaml: true));

        Assert.Equal(400, error.Code);
        Assert.StartsWith("error converting YAML to JSON: yaml: ", error.Message, StringComparison.Ordinal);
    }
}

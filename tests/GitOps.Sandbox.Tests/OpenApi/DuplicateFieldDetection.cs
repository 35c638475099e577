using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class DuplicateFieldDetection
{
    [Fact]
    public void Json_keys_repeated_in_one_object_are_reported_with_their_path()
    {
        const string body = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a","name":"b"},
             "spec":{"replicas":1,"template":{"spec":{"containers":[{"name":"x"},{"name":"y","image":"i","image":"j"}]}},"replicas":2}}
            """;

        Assert.Equal(
            [".metadata.name", ".spec.template.spec.containers[1].image", ".spec.replicas"],
            DuplicateFields.Find(body, isYaml: false));
    }

    [Fact]
    public void The_same_key_in_sibling_objects_is_not_a_duplicate()
    {
        const string body = """{"items":[{"name":"a","v":[1,2]},{"name":"b","v":[3]}],"meta":{"name":"c"}}""";

        Assert.Empty(DuplicateFields.Find(body, isYaml: false));
    }

    [Fact]
    public void Yaml_duplicates_are_reported_with_path_and_line()
    {
        const string body = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 1
              replicas: 2
              template:
                spec:
                  containers:
                  - name: web
                    image: nginx
                  - name: sidecar
                    image: busybox
                    image: alpine
            """;

        var duplicates = DuplicateFields.FindWithLines(body, isYaml: true);

        Assert.Equal(
            [new DuplicateField(".spec.replicas", "replicas", 7), new DuplicateField(".spec.template.spec.containers[1].image", "image", 15)],
            duplicates);
        Assert.Equal([".spec.replicas", ".spec.template.spec.containers[1].image"], DuplicateFields.Find(body, isYaml: true));
    }

    [Fact]
    public void Yaml_flow_style_and_nested_sequences_keep_correct_paths()
    {
        const string body = """
            spec:
              ports: [{port: 80, port: 81}, {port: 443}]
              matrix:
              - [a, b]
              - {x: 1, x: 2}
            """;

        Assert.Equal([".spec.ports[0].port", ".spec.matrix[1].x"], DuplicateFields.Find(body, isYaml: true));
    }

    [Fact]
    public void Malformed_bodies_report_no_duplicates_and_leave_the_error_to_the_decoder()
    {
        Assert.Empty(DuplicateFields.Find("{\"a\": 1, \"a\"", isYaml: false));
        Assert.Empty(DuplicateFields.Find("a: [1, 2", isYaml: true));
    }
}

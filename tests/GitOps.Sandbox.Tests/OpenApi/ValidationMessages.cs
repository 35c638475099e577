using GitOps.Sandbox.OpenApi;

namespace GitOps.Sandbox.Tests.OpenApi;

public sealed class ValidationMessages
{
    [Fact]
    public void Strict_json_errors_read_like_kube_apiserver()
    {
        var problems = FieldValidationMessages.Problems(
            [new DuplicateField(".spec.paused", "paused", 3)],
            [".spec.replicass", ".spec.template.spec.containers[0].imagee"],
            isYaml: false);

        var message = FieldValidationMessages.StrictDecodingError("Deployment", "v1", problems, isYaml: false);

        Assert.Equal(
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: duplicate field \"spec.paused\", "
            + "unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagee\"",
            message);
    }

    [Fact]
    public void A_field_both_duplicated_and_unknown_is_reported_once_in_json_and_twice_in_yaml()
    {
        var json = FieldValidationMessages.Problems([new DuplicateField(".spec.typo", "typo", 4)], [".spec.typo"], isYaml: false);
        var yaml = FieldValidationMessages.Problems([new DuplicateField(".spec.typo", "typo", 4)], [".spec.typo"], isYaml: true);

        Assert.Equal(["unknown field \"spec.typo\""], json);
        Assert.Equal(["line 4: key \"typo\" already set in map", "unknown field \"spec.typo\""], yaml);
    }

    [Fact]
    public void Strict_yaml_errors_list_duplicates_by_line_then_sorted_unknown_fields()
    {
        var problems = FieldValidationMessages.Problems(
            [new DuplicateField(".metadata.name", "name", 5), new DuplicateField(".spec.paused", "paused", 14)],
            [".spec.unknown1", ".metadata.unknownMeta"],
            isYaml: true);

        var message = FieldValidationMessages.StrictDecodingError("Deployment", "v1", problems, isYaml: true);

        Assert.EndsWith(
            "strict decoding error: yaml: unmarshal errors:\n  line 5: key \"name\" already set in map\n  line 14: key \"paused\" already set in map, "
            + "unknown field \"metadata.unknownMeta\", unknown field \"spec.unknown1\"",
            message);
    }

    [Fact]
    public void Warnings_are_http_warning_headers_with_escaped_quotes()
    {
        Assert.Equal("299 - \"unknown field \\\"spec.replicass\\\"\"", FieldValidationMessages.WarningHeader("unknown field \"spec.replicass\""));
    }

    [Fact]
    public void Server_side_apply_errors_name_the_object_and_the_fields()
    {
        Assert.Equal(
            "failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replicass: field not declared in schema",
            FieldValidationMessages.ApplyUnknownFieldsError("default", "web", "apps/v1", "Deployment", [".spec.replicass"]));
        Assert.Equal(
            "failed to create typed patch object (/cfg; /v1, Kind=Namespace): errors:\n  .a: field not declared in schema\n  .b: field not declared in schema",
            FieldValidationMessages.ApplyUnknownFieldsError(null, "cfg", "v1", "Namespace", [".a", ".b"]));
        Assert.Equal(
            "error strict decoding YAML: error converting YAML to JSON: yaml: unmarshal errors:\n  line 10: key \"paused\" already set in map",
            FieldValidationMessages.ApplyDuplicateFieldsError([new DuplicateField(".spec.paused", "paused", 10)]));
    }
}

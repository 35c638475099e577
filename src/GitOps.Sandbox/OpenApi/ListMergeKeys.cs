namespace GitOps.Sandbox.OpenApi;

/// <summary>
/// The keys that identify items of a built-in kind's list (containers by <c>name</c>, container ports by
/// <c>containerPort</c> and <c>protocol</c>), for server-side apply's per-item merge. For CRDs, ask
/// <see cref="OpenApiCatalog.ListSemanticsAt"/>, which also knows registered schemas.
/// </summary>
internal static class ListMergeKeys
{
    /// <summary>
    /// The map keys of the list at <paramref name="fieldPath"/> (<c>.spec.template.spec.containers</c>); null
    /// when the field is not a keyed list (atomic lists and sets included).
    /// </summary>
    public static IReadOnlyList<string>? For(string apiVersion, string kind, string fieldPath) =>
        SemanticsFor(apiVersion, kind, fieldPath) is { ListType: "map", MapKeys.Count: > 0 } semantics ? semantics.MapKeys : null;

    /// <summary>The full list semantics (type, keys, patch strategy) at a path of a built-in kind.</summary>
    public static ListSemantics? SemanticsFor(string apiVersion, string kind, string fieldPath) =>
        BuiltInApi.Instance.ShapesByKind.GetValueOrDefault((apiVersion, kind)) is { } shape
            ? ShapeNavigator.At(shape, fieldPath)?.List
            : null;
}

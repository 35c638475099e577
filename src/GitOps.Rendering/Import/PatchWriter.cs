using System.Text.Json;

namespace GitOps.Rendering.Import;

/// <summary>
/// Writes an environment's changes to one object as C#: typed statements on the model (<c>e.Patch&lt;T&gt;</c>)
/// where the model can hold them, JSON statements (<c>e.PatchJson</c>) for untyped objects and the rest.
/// </summary>
internal static partial class PatchWriter
{
    public static IEnumerable<string> Calls(ObjectPatchPlan patch)
    {
        var typed = new List<string>();
        var json = new List<string>();
        foreach (var operation in patch.Operations)
        {
            if (patch.ModelType is { } model)
            {
                try
                {
                    typed.Add(WithContainerHelpers(TypedStatement(operation, model), model));
                    continue;
                }
                catch (UnexpressibleException)
                {
                    // Falls through to a JSON statement, which can set any value.
                }
            }

            json.Add(JsonStatement(operation));
        }

        var target = $"{CSharpLiterals.String(patch.App)}, {CSharpLiterals.String(patch.Name)}";
        if (typed.Count > 0)
        {
            yield return $"e.Patch<{CSharpLiterals.TypeName(patch.ModelType!)}>({target}, o => {Body(typed)});";
        }

        if (json.Count > 0)
        {
            yield return $"e.PatchJson({CSharpLiterals.String(patch.App)}, {CSharpLiterals.String(patch.Kind)}, {CSharpLiterals.String(patch.Name)}, o => {Body(json)});";
        }
    }

    private static string Body(List<string> statements) =>
        statements.Count == 1 && !statements[0].Contains('\n', StringComparison.Ordinal) && statements[0].Length < 80
            ? statements[0]
            : "\n{\n" + string.Concat(statements.Select(statement => "    " + CSharpLiterals.Indent(statement, 4) + ";\n")) + "}";

    private static string TypedStatement(PatchOperation operation, Type model)
    {
        var target = "o";
        var type = model;
        foreach (var segment in operation.Path.SkipLast(1))
        {
            (target, type) = Step(target, type, segment);
        }

        if (operation.Path[^1] is not PathSegment.Key last)
        {
            throw new UnexpressibleException("a change to a whole list item");
        }

        if (TypedInitializer.DictionaryValueType(type) is { } valueType)
        {
            return operation.Value is null
                ? $"{target}.Remove({CSharpLiterals.String(last.Name)})"
                : $"{target}[{CSharpLiterals.String(last.Name)}] = {TypedInitializer.Value(operation.Value, valueType)}";
        }

        var property = TypedInitializer.Property(type, last.Name) ?? throw new UnexpressibleException($"{type.Name} has no field '{last.Name}'");
        if (operation.Value is null && property.PropertyType.IsValueType && Nullable.GetUnderlyingType(property.PropertyType) is null)
        {
            throw new UnexpressibleException($"{type.Name}.{property.Name} cannot be removed");
        }

        return $"{target}.{property.Name} = {TypedInitializer.Value(operation.Value, property.PropertyType)}";
    }

    /// <summary>Uses the DSL's <c>Container("name")</c> helpers, which fail with a clear message when the container is gone.</summary>
    private static string WithContainerHelpers(string statement, Type model)
    {
        var text = ContainerLookup().Replace(statement, match => $".Container({match.Groups[1].Value})");
        return model == typeof(k8s.Models.V1Deployment) || model == typeof(k8s.Models.V1StatefulSet)
            ? text.Replace("o.Spec.Template.Spec.Container(", "o.Container(", StringComparison.Ordinal)
            : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex("""\.Containers\.Single\(x => x\.Name == ("(?:[^"\\]|\\.)*")\)""")]
    private static partial System.Text.RegularExpressions.Regex ContainerLookup();

    private static (string Target, Type Type) Step(string target, Type type, PathSegment segment)
    {
        switch (segment)
        {
            case PathSegment.Key key when TypedInitializer.DictionaryValueType(type) is { } valueType:
                return ($"{target}[{CSharpLiterals.String(key.Name)}]", valueType);
            case PathSegment.Key key:
                var property = TypedInitializer.Property(type, key.Name) ?? throw new UnexpressibleException($"{type.Name} has no field '{key.Name}'");
                return ($"{target}.{property.Name}", property.PropertyType);
            case PathSegment.Named { InMetadata: true } named when TypedInitializer.ListItemType(type) is { } itemType && TypedInitializer.Property(itemType, "metadata") is { } metadata:
                return ($"{target}.Single(x => x.{metadata.Name}.Name == {CSharpLiterals.String(named.Name)})", itemType);
            case PathSegment.Named named when TypedInitializer.ListItemType(type) is { } itemType && TypedInitializer.Property(itemType, "name") is { } name:
                return ($"{target}.Single(x => x.{name.Name} == {CSharpLiterals.String(named.Name)})", itemType);
            case PathSegment.Index index when TypedInitializer.ListItemType(type) is { } itemType:
                return ($"{target}[{index.Position}]", itemType);
            default:
                throw new UnexpressibleException($"a path through {type.Name}");
        }
    }

    private static string JsonStatement(PatchOperation operation)
    {
        var target = "o";
        foreach (var segment in operation.Path.SkipLast(1))
        {
            target += segment switch
            {
                PathSegment.Key key => $"[{CSharpLiterals.String(key.Name)}]",
                PathSegment.Named { InMetadata: true } named => $".AsArray().Single(x => (string)x[\"metadata\"][\"name\"] == {CSharpLiterals.String(named.Name)})",
                PathSegment.Named named => $".AsArray().Single(x => (string)x[\"name\"] == {CSharpLiterals.String(named.Name)})",
                PathSegment.Index index => $"[{index.Position}]",
                _ => "",
            };
        }

        var last = (PathSegment.Key)operation.Path[^1];
        if (operation.Value is null)
        {
            return $"{target}.AsObject().Remove({CSharpLiterals.String(last.Name)})";
        }

        var value = operation.Value.GetValueKind() == JsonValueKind.String
            ? CSharpLiterals.String(operation.Value.GetValue<string>())
            : $"JsonNode.Parse({CSharpLiterals.String(operation.Value.ToJsonString())})";
        return $"{target}[{CSharpLiterals.String(last.Name)}] = {value}";
    }
}

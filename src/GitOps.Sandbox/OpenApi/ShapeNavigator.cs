namespace GitOps.Sandbox.OpenApi;

/// <summary>Finds the shape at a field path such as <c>.spec.template.spec.containers</c>.</summary>
internal static class ShapeNavigator
{
    /// <summary>
    /// The shape at <paramref name="fieldPath"/>; list items are stepped into implicitly, and item selectors
    /// (<c>[0]</c>, <c>[name="web"]</c>) are ignored, so <c>.spec.containers.ports</c> and
    /// <c>.spec.containers[name="web"].ports</c> both name the ports list.
    /// </summary>
    public static FieldShape? At(FieldShape root, string fieldPath)
    {
        var shape = root;
        foreach (var segment in Segments(fieldPath))
        {
            while (shape.Kind == ShapeKind.Array && shape.Element is { } item)
            {
                shape = item;
            }

            FieldShape? next = shape.Kind switch
            {
                ShapeKind.Object => shape.Properties.GetValueOrDefault(segment),
                ShapeKind.Map => shape.Element,
                _ => null,
            };
            if (next is null)
            {
                return null;
            }

            shape = next;
        }

        return shape;
    }

    private static IEnumerable<string> Segments(string fieldPath)
    {
        var segment = new System.Text.StringBuilder();
        var depth = 0;
        foreach (var character in fieldPath)
        {
            switch (character)
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    break;
                case '.' when depth == 0:
                    if (segment.Length > 0)
                    {
                        yield return segment.ToString();
                        segment.Clear();
                    }

                    break;
                default:
                    if (depth == 0)
                    {
                        segment.Append(character);
                    }

                    break;
            }
        }

        if (segment.Length > 0)
        {
            yield return segment.ToString();
        }
    }
}

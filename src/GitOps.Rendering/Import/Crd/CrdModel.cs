namespace GitOps.Rendering.Import.Crd;

/// <summary>A property of a generated class: its JSON name, C# name and type, and what the schema says about it.</summary>
internal sealed record CrdProperty(string JsonName, string Name, string Type, string? Description, bool Required, bool IsEnum);

/// <summary>A generated class for an object in the schema.</summary>
internal sealed record CrdClass(string Name, string? Description, IReadOnlyList<CrdProperty> Properties);

/// <summary>A generated enum for a string the schema restricts to listed values.</summary>
internal sealed record CrdEnum(string Name, string? Description, IReadOnlyList<(string Member, string Value)> Members);

/// <summary>Everything generated for one kind and version.</summary>
internal sealed record CrdModel(string Group, string Version, string Kind, string Plural, CrdClass Root, IReadOnlyList<CrdClass> Classes, IReadOnlyList<CrdEnum> Enums)
{
    public string ApiVersion => $"{Group}/{Version}";
}

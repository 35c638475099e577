namespace GitOps.Rendering.Import;

/// <summary>A value the typed C# writer cannot express exactly; the object is then imported untyped.</summary>
internal sealed class UnexpressibleException(string message) : Exception(message);

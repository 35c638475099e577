using System.Runtime.CompilerServices;

namespace GitOps.Dsl;

/// <summary>
/// Generates a ConfigMap named <c>&lt;name&gt;-&lt;hash&gt;</c> from literals and files; every reference to
/// <c>&lt;name&gt;</c> in the environment's pod templates is rewritten to the hashed name.
/// </summary>
/// <param name="name">The name pod templates use.</param>
/// <param name="callerFile">Filled in by the compiler: file paths are relative to this script.</param>
public sealed class ConfigMapGenerator(string name, [CallerFilePath] string callerFile = "") : DataGenerator(name, callerFile)
{
    internal override string Kind => "ConfigMap";
}

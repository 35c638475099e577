using System.Runtime.CompilerServices;

namespace GitOps.Dsl;

/// <summary>
/// Generates a Secret named <c>&lt;name&gt;-&lt;hash&gt;</c> from literals and files, with references rewritten like
/// <see cref="ConfigMapGenerator"/>. Its data lands in plain text in git, so validation refuses it unless
/// <see cref="AllowLiteralDataInGit"/> is set; for real secrets use sealed or external secrets.
/// </summary>
/// <param name="name">The name pod templates use.</param>
/// <param name="callerFile">Filled in by the compiler: file paths are relative to this script.</param>
public sealed class SecretGenerator(string name, [CallerFilePath] string callerFile = "") : DataGenerator(name, callerFile)
{
    /// <summary>The Secret type, <c>Opaque</c> unless set.</summary>
    public string Type { get; set; } = "Opaque";

    /// <summary>The explicit opt-in to store this Secret's data in plain text in the rendered branch.</summary>
    public bool AllowLiteralDataInGit { get; set; }

    internal override string Kind => "Secret";
}

namespace GitOps.Rendering.Scripting;

/// <summary>An emitted script assembly with its symbols and the entry point to call.</summary>
/// <param name="Assembly">The PE image.</param>
/// <param name="Symbols">The portable PDB, for file and line in runtime errors.</param>
/// <param name="EntryType">The submission class.</param>
/// <param name="EntryMethod">Its static factory method.</param>
/// <param name="Sources">Every script file in the compilation (repository-relative) with the SHA-256 of its content.</param>
internal sealed record CompiledScript(byte[] Assembly, byte[] Symbols, string EntryType, string EntryMethod, IReadOnlyDictionary<string, string> Sources);

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Our own messages for <c>#r</c> (never allowed) and <c>#load</c> outside the repository or of a missing file,
/// replacing Roslyn's generic "could not be found/opened" at the same place.
/// </summary>
internal static class ScriptDirectives
{
    public static IReadOnlyList<ScriptDiagnostic> Check(Compilation compilation, RepositorySourceResolver resolver)
    {
        var found = new List<ScriptDiagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var root = tree.GetCompilationUnitRoot();
            foreach (var reference in root.GetReferenceDirectives())
            {
                found.Add(ScriptDiagnostic.At(reference.GetLocation(), "GITOPS001",
                    $"#r {reference.File.Text} is not allowed: scripts can use only GitOps.Dsl, KubernetesClient and the .NET runtime, so that a render depends on nothing but the repository and the tool. Share code with #load \"file.csx\" inside the repository instead."));
            }

            foreach (var load in root.GetLoadDirectives())
            {
                var path = load.File.ValueText;
                var full = resolver.FullPath(path, tree.FilePath);
                if (!resolver.IsInside(full))
                {
                    found.Add(ScriptDiagnostic.At(load.GetLocation(), "GITOPS002",
                        $"#load \"{path}\" resolves to {full}, outside the repository; scripts may only #load files inside it."));
                }
                else if (!File.Exists(full))
                {
                    found.Add(ScriptDiagnostic.At(load.GetLocation(), "GITOPS003",
                        $"#load \"{path}\": file {resolver.Relative(full)} does not exist."));
                }
            }
        }

        return found;
    }
}

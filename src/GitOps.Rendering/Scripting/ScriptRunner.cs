using GitOps.Dsl;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Reflection;
using System.Runtime.Loader;

namespace GitOps.Rendering.Scripting;

/// <summary>
/// Loads a compiled script into its own collectible context (GitOps.Dsl and KubernetesClient stay shared with the
/// host, so the globals type is the same), runs it, evaluates the environment, and maps any exception to the
/// script file and line.
/// </summary>
internal static partial class ScriptRunner
{
    public static EnvironmentManifest Run(CompiledScript script, ScriptGlobals globals)
    {
        var context = new ScriptLoadContext();
        try
        {
            using var assemblyStream = new MemoryStream(script.Assembly);
            using var symbolStream = new MemoryStream(script.Symbols);
            var assembly = context.LoadFromStream(assemblyStream, symbolStream);
            var factory = assembly.GetType(script.EntryType, throwOnError: true)!
                .GetMethod(script.EntryMethod, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
                .CreateDelegate<Func<object?[], Task<object>>>();
            try
            {
                // Slot 0 holds the globals, slot 1 the submission itself (Roslyn's submission array layout).
                factory([globals, null]).GetAwaiter().GetResult();
                return EnvironmentEvaluator.Evaluate(globals);
            }
            catch (Exception e) when (e is not ScriptException)
            {
                throw new ScriptException([Describe(e)]);
            }
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>The innermost script frame gives file and line; DSL errors that already name a place keep it.</summary>
    private static ScriptDiagnostic Describe(Exception exception)
    {
        var error = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
        var frame = new StackTrace(error, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName()?.EndsWith(".csx", StringComparison.Ordinal) == true && f.GetFileLineNumber() > 0);
        var message = error is DslException ? error.Message : $"{error.GetType().Name}: {error.Message}";
        if (error is DslException && LocatedMessage().Match(message) is { Success: true } located)
        {
            return new ScriptDiagnostic(located.Groups["file"].Value, int.Parse(located.Groups["line"].Value, CultureInfo.InvariantCulture),
                located.Groups["column"].Success ? int.Parse(located.Groups["column"].Value, CultureInfo.InvariantCulture) : 0, "", located.Groups["message"].Value);
        }

        return frame is null
            ? new ScriptDiagnostic("", 0, 0, "", message)
            : new ScriptDiagnostic(frame.GetFileName()!, frame.GetFileLineNumber(), 0, "", message);
    }

    /// <summary>DSL errors that already name their place start with <c>file(line)</c> or <c>file(line,column)</c>.</summary>
    [GeneratedRegex(@"^(?<file>[^()\s]+)\((?<line>\d+)(,(?<column>\d+))?\): (?<message>.*)$", RegexOptions.Singleline)]
    private static partial Regex LocatedMessage();

    private sealed class ScriptLoadContext() : AssemblyLoadContext("gitops-script", isCollectible: true)
    {
        // Null defers to the default context, so the script binds to the host's GitOps.Dsl and KubernetesClient.
        protected override Assembly? Load(AssemblyName assemblyName) => null;
    }
}

using GitOps.Rendering.Import;
using GitOps.Rendering.Import.Crd;
using System.CommandLine;

namespace GitOps.Cli;

/// <summary>`gitops import crd`: CustomResourceDefinitions to typed C# classes that scripts #load.</summary>
/// <remarks>Not an <see cref="ICliCommand"/> of its own: it is a subcommand of <see cref="ImportCommand"/>.</remarks>
internal sealed class ImportCrdCommand
{
    private readonly Argument<string[]> inputs = new("sources") { Description = "CRD files, folders or http(s) URLs", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string> output = new("--out") { Description = "The folder for the generated .csx files (must not exist or be empty)", Required = true };
    private readonly Option<string?> wrapper = new("--namespace") { Description = "Nest the classes in a static class of this name (scripts cannot declare namespaces)" };

    public Command Build()
    {
        var command = new Command("crd", "Generate typed C# classes (one .csx per kind and version) from CustomResourceDefinitions, for scripts to #load.");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.Options.Add(wrapper);
        command.SetAction((result, cancellation) => RunAsync(result, Console.Out, Console.Error, cancellation));
        return command;
    }

    internal async Task<int> RunAsync(ParseResult result, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var outputDirectory = result.GetValue(output)!;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var imported = await CrdImporter.ImportAsync(result.GetValue(inputs) ?? [], result.GetValue(wrapper), http, cancellation);
            RepositoryImporter.Write(imported.Files, outputDirectory);
            foreach (var note in imported.Notes)
            {
                stderr.WriteLine($"note: {note}");
            }

            stdout.WriteLine($"wrote {string.Join(", ", imported.Files.Keys)} to {outputDirectory}; #load them from gitops.csx");
            return 0;
        }
        catch (ImportException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("import crd failed; nothing was written.");
            return 1;
        }
    }
}

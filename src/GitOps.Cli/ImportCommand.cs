using GitOps.Rendering;
using GitOps.Rendering.Import;
using System.CommandLine;

namespace GitOps.Cli;

/// <summary>`gitops import`: plain manifests to a typed C# config repository; `gitops import crd`: CRDs to C# classes.</summary>
internal sealed class ImportCommand : ICliCommand
{
    private readonly Argument<string[]> inputs = new("inputs") { Description = "Manifest files or folders (one environment)", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string[]> environments = new("--env") { Description = "NAME=DIR: an environment and its manifests (repeatable); the import shares what they have in common" };
    private readonly Option<string> output = new("--out") { Description = "The folder to write the config repository to (must not exist or be empty)", Required = true };
    private readonly Option<string?> app = new("--app") { Description = "Put every object in this one app (default: group by app labels, then folders)" };
    private readonly Option<string?> cacheDir = new("--cache-dir") { Description = "Where the verifying render caches compiled scripts (default: $GITOPS_CACHE_DIR, else ~/.cache/gitops/scripts)" };
    private readonly Option<string> environmentName = new("--env-name") { Description = "The environment name for plain inputs", DefaultValueFactory = _ => "default" };

    public Command Build()
    {
        var command = new Command("import", "Turn plain Kubernetes YAML (one or several environments) into a config repository of typed C# scripts that renders back to the same objects.");
        command.Arguments.Add(inputs);
        foreach (var option in new Option[] { environments, output, app, environmentName, cacheDir })
        {
            command.Options.Add(option);
        }

        command.Subcommands.Add(new ImportCrdCommand().Build());
        command.SetAction(result => Run(result, Console.Out, Console.Error));
        return command;
    }

    internal int Run(ParseResult result, TextWriter stdout, TextWriter stderr)
    {
        var outputDirectory = result.GetValue(output)!;
        try
        {
            var request = Request(result, outputDirectory);
            var imported = RepositoryImporter.Import(request);
            RepositoryImporter.Write(imported.Files, outputDirectory, staging =>
            {
                // The round trip is the contract: render what was written and compare before it lands.
                var problems = ImportVerifier.Verify(staging, imported, result.GetValue(cacheDir));
                if (problems.Count > 0)
                {
                    throw new ImportException($"the imported scripts do not render back to the input:\n  {string.Join("\n  ", problems)}");
                }
            });
            foreach (var note in imported.Notes)
            {
                stderr.WriteLine($"note: {note}");
            }

            var objects = imported.Expected.Values.Sum(list => list.Count);
            stdout.WriteLine($"verified: rendering {outputDirectory} gives back all {objects} objects exactly");
            stdout.WriteLine($"imported {objects} objects of {string.Join(", ", imported.Expected.Keys)} into {outputDirectory}: {string.Join(", ", imported.Files.Keys)}");
            return 0;
        }
        catch (ImportException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.WriteLine("import failed; nothing was written.");
            return 1;
        }
        catch (RenderException e)
        {
            foreach (var error in e.Errors)
            {
                stderr.WriteLine($"error: rendering the imported repository: {error}");
            }

            stderr.WriteLine("import failed; nothing was written.");
            return 1;
        }
    }

    private ImportRequest Request(ParseResult result, string outputDirectory)
    {
        var plain = result.GetValue(inputs) ?? [];
        var pairs = result.GetValue(environments) ?? [];
        if (plain.Length > 0 && pairs.Length > 0)
        {
            throw new ImportException("give either manifest files and folders (one environment) or --env NAME=DIR options, not both.");
        }

        var list = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (plain.Length > 0)
        {
            list.Add(KeyValuePair.Create(result.GetValue(environmentName)!, (IReadOnlyList<string>)plain));
        }

        foreach (var pair in pairs)
        {
            var separator = pair.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == pair.Length - 1)
            {
                throw new ImportException($"--env {pair}: expected NAME=DIR, e.g. --env prod=overlays/prod/out");
            }

            list.Add(KeyValuePair.Create(pair[..separator], (IReadOnlyList<string>)[pair[(separator + 1)..]]));
        }

        var single = plain.Length == 1 ? Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(plain[0]))) : null;
        if (single is not null && File.Exists(plain[0]))
        {
            single = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(plain[0])));
        }

        var fallback = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory)));
        return new ImportRequest(list, result.GetValue(app), single ?? fallback);
    }
}

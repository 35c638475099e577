using System.CommandLine;

namespace GitOps.Cli;

/// <summary>`gitops init [DIR]`: a new config repository, the same files `dotnet new gitops-repo` writes.</summary>
internal sealed class InitCommand : ICliCommand
{
    private readonly Argument<DirectoryInfo?> folder = new("folder") { Description = "Where to create the repository; default: the current directory", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string?> name = new("--name") { Description = "The repository name, used for the test project and its namespace; default: from the folder name" };

    public Command Build()
    {
        var command = new Command("init", "Create a config repository: gitops.csx, environments/dev.csx and prod.csx, snapshot tests, the tool manifest and CI workflows.");
        command.Arguments.Add(folder);
        command.Options.Add(name);
        command.SetAction(result => Run(result, Console.Out, Console.Error, Directory.GetCurrentDirectory()));
        return command;
    }

    internal int Run(ParseResult result, TextWriter stdout, TextWriter stderr, string currentDirectory)
    {
        var root = result.GetValue(folder)?.FullName ?? currentDirectory;
        var repositoryName = result.GetValue(name) ?? RepositoryTemplate.NameFor(Path.GetFileName(Path.TrimEndingDirectorySeparator(root)));
        if (RepositoryTemplate.NameFor(repositoryName) != repositoryName)
        {
            stderr.WriteLine($"error: --name '{repositoryName}' must be letters and digits starting with a capital letter (it names a C# namespace), e.g. {RepositoryTemplate.NameFor(repositoryName)}");
            return 2;
        }

        var files = RepositoryTemplate.Files(repositoryName);
        var existing = files.Where(file => File.Exists(Path.Combine(root, file.Path))).Select(file => file.Path).ToList();
        if (existing.Count > 0)
        {
            stderr.WriteLine($"error: {root} already has {string.Join(", ", existing)}; nothing was written. Use an empty folder.");
            return 2;
        }

        foreach (var (path, content) in files)
        {
            var target = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, content);
            stdout.WriteLine($"created {path}");
        }

        stdout.WriteLine($"""

            Next: cd {root}
                  git init && dotnet tool restore
                  dotnet tool run gitops -- render --out out/        # see what renders
                  GITOPS_ACCEPT=1 dotnet test                         # record the first snapshots, then review and commit them
            """);
        return 0;
    }
}

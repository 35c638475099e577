using System.Xml.Linq;

namespace GitOps.Cli.Tests.Image;

/// <summary>
/// The agent image's Dockerfile (src/GitOps.Cli/Dockerfile), checked against the repository without a Docker engine:
/// that its build stage gets every file `dotnet restore` and `dotnet publish` of the Cli read, laid out as in the
/// repository, and that its runtime stage runs the published assembly as a non-root user.
/// </summary>
public sealed class DockerfileTests
{
    private const string CliProject = "src/GitOps.Cli/GitOps.Cli.csproj";

    private static readonly string Root = FindRepositoryRoot();
    private static readonly Dockerfile Image = Dockerfile.Read(Path.Combine(Root, "src", "GitOps.Cli", "Dockerfile"));
    private static readonly DockerIgnore Ignore = DockerIgnore.Read(Path.Combine(Root, ".dockerignore"));

    private static Dockerfile.Stage BuildStage => Assert.Single(Image.Stages, s => s.Instructions.Any(IsRestore));

    private static Dockerfile.Stage RuntimeStage => Image.Stages[^1];

    [Fact]
    public void Every_file_and_folder_a_COPY_names_exists_in_the_repository()
    {
        var missing = Image.Stages.SelectMany(s => s.Instructions)
            .Where(i => i.Keyword == "COPY" && !i.Flags.ContainsKey("from"))
            .SelectMany(i => i.Sources.Select(source => (i.Line, source)))
            .Where(c => !File.Exists(Path.Combine(Root, c.source)) && !Directory.Exists(Path.Combine(Root, c.source)))
            .Select(c => $"line {c.Line}: {c.source}");

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_project_the_Cli_references_transitively_has_its_csproj_copied_before_the_restore_with_the_central_build_files()
    {
        // Imports (GitOps.Sandbox's .targets) may come later: NuGet's restore evaluates projects ignoring missing imports.
        var beforeRestore = Copied(BuildStage.Instructions.TakeWhile(i => !IsRestore(i)));
        var projects = ProjectClosure(CliProject);
        var needed = projects
            .Concat(new[] { "Directory.Build.props", "Directory.Packages.props", "Directory.Build.targets", "global.json", "nuget.config" }.Where(f => File.Exists(Path.Combine(Root, f))));

        Assert.Equal(6, projects.Count);
        Assert.Empty(needed.Where(f => !beforeRestore.Contains(f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_source_file_of_those_projects_and_everything_they_include_from_other_folders_is_copied_before_the_publish()
    {
        var beforePublish = Copied(BuildStage.Instructions.TakeWhile(i => !IsPublish(i)));
        var projects = ProjectClosure(CliProject);
        var needed = projects
            .SelectMany(p => FilesUnder(Path.GetDirectoryName(p)!))
            .Concat(projects.SelectMany(p => OutsideIncludes(p)).SelectMany(FilesUnder));

        Assert.Contains("templates/content/gitops-repo/gitops.csx", needed);
        Assert.Empty(needed.Where(f => !beforePublish.Contains(f)).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Build_output_of_the_working_tree_is_kept_out_of_the_build_context()
    {
        // Copied over the image's own restore, a host obj/project.assets.json names host paths and breaks --no-restore.
        foreach (var path in new[] { "src/GitOps.Cli/obj/project.assets.json", "src/GitOps.Reconciler/bin/Debug/net10.0/GitOps.Reconciler.dll", "tests/GitOps.Cli.Tests/bin/x" })
        {
            Assert.True(Ignore.Excludes(path), $".dockerignore does not exclude {path}");
        }

        Assert.False(Ignore.Excludes("src/GitOps.Cli/Program.cs"));
    }

    [Fact]
    public void The_image_builds_with_the_sdk_and_runs_on_the_official_aspnet_runtime_as_a_non_root_user()
    {
        Assert.True(Image.Stages.Count >= 2, "multi-stage: an SDK stage that builds and a runtime stage that runs");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", BuildStage.Image, StringComparison.Ordinal);
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:10.0", RuntimeStage.Image, StringComparison.Ordinal);
        var user = Assert.IsType<Dockerfile.Instruction>(RuntimeStage.Instructions.LastOrDefault(i => i.Keyword == "USER"));
        var name = user.Arguments.Split(':')[0];
        Assert.DoesNotContain(name, new[] { "root", "0" });
        // $APP_UID is the unprivileged "app" user (UID 1654) the official .NET images define.
        Assert.True(name == "$APP_UID" || name == "app" || int.TryParse(name, out var uid) && uid > 0, $"USER {user.Arguments}");
        Assert.True(RuntimeStage.Instructions.FindLastIndex(i => i.Keyword == "USER") > RuntimeStage.Instructions.FindLastIndex(i => i.Keyword == "RUN"), "the runtime stage switches to the non-root user after its last RUN");
    }

    [Fact]
    public void The_entrypoint_runs_the_assembly_the_Cli_project_publishes_from_where_the_runtime_stage_copied_it()
    {
        var assemblyName = XDocument.Load(Path.Combine(Root, CliProject)).Descendants("AssemblyName").Single().Value;
        var publish = Assert.Single(BuildStage.Instructions, IsPublish);
        var words = publish.Words.ToList();
        Assert.Contains(CliProject, words);
        var output = words[words.IndexOf("-o") + 1];

        var entrypoint = Assert.Single(RuntimeStage.Instructions, i => i.Keyword == "ENTRYPOINT").Words;
        Assert.Equal(["dotnet", $"{assemblyName}.dll"], entrypoint);
        var fromBuild = Assert.Single(RuntimeStage.Instructions, i => i.Keyword == "COPY" && i.Flags.GetValueOrDefault("from") == BuildStage.Name);
        Assert.Equal([output], fromBuild.Sources);
        var workdir = RuntimeStage.Instructions.Last(i => i.Keyword == "WORKDIR" && i.Line < fromBuild.Line).Arguments;
        var landed = fromBuild.Destination is "." or "./" ? workdir : fromBuild.Destination.StartsWith('/') ? fromBuild.Destination : $"{workdir}/{fromBuild.Destination}";
        Assert.Equal(RuntimeStage.Instructions.Last(i => i.Keyword == "WORKDIR").Arguments, landed.TrimEnd('/'));
    }

    private static bool IsRestore(Dockerfile.Instruction i) => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal);

    private static bool IsPublish(Dockerfile.Instruction i) => i.Keyword == "RUN" && i.Arguments.Contains("dotnet publish", StringComparison.Ordinal);

    /// <summary>
    /// Repository-relative paths of the files these COPY instructions put in the build stage at the same relative path
    /// under its WORKDIR (MSBuild's relative references only resolve in a mirrored layout).
    /// </summary>
    private static HashSet<string> Copied(IEnumerable<Dockerfile.Instruction> instructions)
    {
        var copied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var copy in instructions.Where(i => i.Keyword == "COPY" && !i.Flags.ContainsKey("from")))
        {
            var destination = copy.Destination is "." or "./" ? "" : copy.Destination.TrimStart('.', '/');
            foreach (var source in copy.Sources)
            {
                var full = Path.Combine(Root, source);
                if (File.Exists(full))
                {
                    copied.Add(destination.Length == 0 || destination.EndsWith('/') ? destination + Path.GetFileName(source) : destination);
                }
                else if (Directory.Exists(full))
                {
                    foreach (var file in FilesUnder(source.TrimEnd('/')))
                    {
                        copied.Add(destination + file[(source.TrimEnd('/').Length + 1)..]);
                    }
                }
            }
        }

        return copied;
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static List<string> ProjectClosure(string project)
    {
        var seen = new List<string>();
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (seen.Contains(next))
            {
                continue;
            }

            seen.Add(next);
            foreach (var reference in XDocument.Load(Path.Combine(Root, next)).Descendants("ProjectReference"))
            {
                pending.Push(Relative(Path.Combine(Path.GetDirectoryName(Path.Combine(Root, next))!, reference.Attribute("Include")!.Value.Replace('\\', '/'))));
            }
        }

        return seen;
    }

    /// <summary>Folders that items of the project include from outside the project's own folder (up to their first wildcard).</summary>
    private static IEnumerable<string> OutsideIncludes(string project)
    {
        var directory = Path.GetDirectoryName(Path.Combine(Root, project))!;
        return XDocument.Load(Path.Combine(Root, project)).Descendants()
            .Where(e => e.Name.LocalName != "ProjectReference" && e.Attribute("Include")?.Value.StartsWith("..", StringComparison.Ordinal) == true)
            .Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))
            .Select(include => include.Contains('*', StringComparison.Ordinal) ? include[..include.LastIndexOf('/', include.IndexOf('*', StringComparison.Ordinal))] : include)
            .Select(fixedPart => Relative(Path.Combine(directory, fixedPart)));
    }

    /// <summary>Repository-relative paths of the files under a folder that the build context holds (.dockerignore applied).</summary>
    private static IEnumerable<string> FilesUnder(string relativeDirectory)
    {
        var full = Path.Combine(Root, relativeDirectory);
        return !Directory.Exists(full) ? []
            : Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories).Select(Relative).Where(f => !Ignore.Excludes(f));
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, Path.GetFullPath(path)).Replace('\\', '/');

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GitOpsDsl.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no GitOpsDsl.sln above {AppContext.BaseDirectory}");
    }
}

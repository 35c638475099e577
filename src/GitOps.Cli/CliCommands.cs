using System.CommandLine;

namespace GitOps.Cli;

/// <summary>One `gitops` subcommand: builds its <see cref="Command"/> and wires its handler to the libraries.</summary>
internal interface ICliCommand
{
    Command Build();
}

internal static class CliCommands
{
    /// <summary>
    /// Every command class in this assembly, in name order. Discovering them keeps each command in its own file
    /// and spares a central list that every new command would have to edit.
    /// </summary>
    public static IEnumerable<ICliCommand> All() =>
        typeof(CliCommands).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(ICliCommand).IsAssignableFrom(type))
            .OrderBy(type => type.Name, StringComparer.Ordinal)
            .Select(type => (ICliCommand)Activator.CreateInstance(type, nonPublic: true)!);
}

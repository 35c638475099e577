using System.CommandLine;

namespace GitOps.Cli;

/// <summary>
/// The --write-back option of `gitops agent` and `gitops reconcile`: both push the same git note, which
/// `gitops history` and `gitops status --repo` read.
/// </summary>
internal static class WriteBackOption
{
    public static Option<bool> Create() =>
        new("--write-back") { Description = "Push a git note (refs/notes/gitops) on the rendered commit saying how it went on this cluster (named by --cluster-name)" };
}

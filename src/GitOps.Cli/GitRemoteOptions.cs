using System.CommandLine;
using GitOps.Reconciler;

namespace GitOps.Cli;

/// <summary>
/// The --git-credentials-file and --git-ca-file options for commands that fetch an https:// remote (reconcile,
/// history, status --repo), so all of them authenticate and trust a self-hosted git server the same way.
/// </summary>
internal sealed class GitRemoteOptions
{
    public Option<FileInfo?> CredentialsFile { get; } = new("--git-credentials-file") { Description = $"File with 'user:password' or a token for https remotes (else ${GitCredentials.UsernameVariable}/${GitCredentials.PasswordVariable})" };

    public Option<FileInfo?> CaFile { get; } = new("--git-ca-file") { Description = "PEM file of the CA that signed an https remote's certificate (for a self-hosted git server)" };

    public IEnumerable<Option> All => [CredentialsFile, CaFile];

    /// <summary>From the credentials file when given, else from the environment (null when neither has any).</summary>
    public GitCredentials? Credentials(ParseResult result) =>
        result.GetValue(CredentialsFile) is { } file ? GitCredentials.FromFile(file.FullName) : GitCredentials.FromEnvironment();

    public string? CaFilePath(ParseResult result) => result.GetValue(CaFile)?.FullName;
}

namespace GitOps.Reconciler;

/// <summary>
/// Username and password (or token) for an https:// remote. <see cref="ToString"/> never shows the password, so the
/// credentials can't leak through a log line or an exception message.
/// </summary>
public sealed class GitCredentials(string username, string password)
{
    /// <summary>Environment variable holding the password or token.</summary>
    public const string PasswordVariable = "GITOPS_GIT_PASSWORD";

    /// <summary>Environment variable holding the username (defaults to <c>git</c> when only a token is given).</summary>
    public const string UsernameVariable = "GITOPS_GIT_USERNAME";

    public string Username { get; } = username;

    internal string Password { get; } = password;

    public override string ToString() => $"{Username}:***";

    /// <summary>
    /// Reads a credentials file: its first non-empty line is either <c>username:password</c> or a bare token
    /// (then the username is <c>git</c>).
    /// </summary>
    public static GitCredentials FromFile(string path)
    {
        var line = File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0)
            ?? throw new ReconcileException($"git credentials file {path} is empty");
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? new GitCredentials("git", line) : new GitCredentials(line[..colon], line[(colon + 1)..]);
    }

    /// <summary>Credentials from <c>GITOPS_GIT_PASSWORD</c> (and optionally <c>GITOPS_GIT_USERNAME</c>), or null.</summary>
    public static GitCredentials? FromEnvironment()
    {
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            return null;
        }

        var username = Environment.GetEnvironmentVariable(UsernameVariable);
        return new GitCredentials(string.IsNullOrEmpty(username) ? "git" : username, password);
    }
}

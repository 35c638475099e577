using GitOps.Reconciler.Tests.Support;

namespace GitOps.Reconciler.Tests.Source;

public sealed class GitCredentialsTests
{
    [Fact]
    public void A_credentials_file_with_user_and_password_is_split_at_the_first_colon()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("creds");
        File.WriteAllText(file, "\n  deploy:s3cr:et  \n");

        var credentials = GitCredentials.FromFile(file);

        Assert.Equal("deploy", credentials.Username);
        Assert.Equal("s3cr:et", credentials.Password);
    }

    [Fact]
    public void A_credentials_file_with_a_bare_token_uses_the_git_username()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("token");
        File.WriteAllText(file, "ghp_token123\n");

        var credentials = GitCredentials.FromFile(file);

        Assert.Equal("git", credentials.Username);
        Assert.Equal("ghp_token123", credentials.Password);
    }

    [Fact]
    public void Credentials_never_show_the_password_when_formatted()
    {
        var credentials = new GitCredentials("deploy", "hunter2");

        Assert.DoesNotContain("hunter2", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", $"{credentials}", StringComparison.Ordinal);
    }
}

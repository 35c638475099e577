using GitOps.Rendering.Git;

namespace GitOps.Rendering.Tests.Git;

public class SourceCheckoutInspection
{
    [Fact]
    public void A_clean_checkout_is_found_from_a_subfolder_with_its_root_and_head_commit()
    {
        using var repository = TempGitRepository.Init();
        repository.WriteFile("environments/dev.csx", "// dev");
        var head = repository.CommitAll("config");

        var state = SourceCheckout.Inspect(Path.Combine(repository.Root, "environments"));

        Assert.Equal(repository.Root, state.RepositoryRoot);
        Assert.Equal(head, state.HeadSha);
        Assert.False(state.IsDirty);
        Assert.Empty(state.DirtyPaths);
    }

    [Fact]
    public void Modified_staged_and_untracked_files_make_it_dirty_but_ignored_files_do_not()
    {
        using var repository = TempGitRepository.Init();
        repository.WriteFile(".gitignore", "bin/\n");
        repository.WriteFile("gitops.csx", "// v1");
        repository.WriteFile("staged.csx", "// v1");
        repository.CommitAll("config");
        repository.WriteFile("gitops.csx", "// v2");
        repository.WriteFile("staged.csx", "// v2");
        repository.Git("add", "staged.csx");
        repository.WriteFile("templates/new.csx", "// new");
        repository.WriteFile("bin/output.dll", "ignored");

        var state = SourceCheckout.Inspect(repository.Root);

        Assert.True(state.IsDirty);
        Assert.Equal(["gitops.csx", "staged.csx", "templates/new.csx"], state.DirtyPaths);
    }

    [Fact]
    public void A_folder_outside_any_repository_is_refused_with_its_path()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gitops-tests", "not-a-repo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => SourceCheckout.Inspect(folder));

            Assert.Contains(folder, error.Message, StringComparison.Ordinal);
            Assert.Contains("not inside a git repository", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void A_repository_without_commits_is_refused()
    {
        using var repository = TempGitRepository.Init();

        var error = Assert.Throws<InvalidOperationException>(() => SourceCheckout.Inspect(repository.Root));

        Assert.Contains("no commits", error.Message, StringComparison.Ordinal);
    }
}

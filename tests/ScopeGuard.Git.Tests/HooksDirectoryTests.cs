using System.IO;

namespace ScopeGuard.Git.Tests;

public sealed class HooksDirectoryTests
{
    [Fact]
    public void HooksDirectory_PlainRepository_IsGitDirHooks()
    {
        using var repo = TempRepo.Init();

        using var workspace = repo.Open();

        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "hooks"), workspace.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, repo.WorkDir), workspace.HooksDirectory);
    }

    [Fact]
    public void HooksDirectory_LinkedWorktree_IsTheCommonDirectorysHooks()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "feature", worktree);

        using var workspace = repo.Open(startDirectory: worktree);

        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "hooks"), workspace.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, worktree), workspace.HooksDirectory);
    }

    [Fact]
    public void HooksDirectory_RelativeCoreHooksPath_IsRelativeToTheWorkingTreeRoot()
    {
        using var repo = TempRepo.Init();
        repo.Run("config", "core.hooksPath", ".githooks");
        var subdirectory = repo.PathOf("src/deep");
        Directory.CreateDirectory(subdirectory);

        using var workspace = repo.Open(startDirectory: subdirectory);

        Assert.Equal(Path.Combine(repo.WorkDir, ".githooks"), workspace.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, subdirectory), workspace.HooksDirectory);
    }

    [Fact]
    public void HooksDirectory_RelativeCoreHooksPathInLinkedWorktree_IsRelativeToThatWorktree()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("config", "core.hooksPath", ".githooks");
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "feature", worktree);

        using var workspace = repo.Open(startDirectory: worktree);

        Assert.Equal(Path.Combine(worktree, ".githooks"), workspace.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, worktree), workspace.HooksDirectory);
    }

    [Fact]
    public void HooksDirectory_CoreHooksPathInLinkedWorktreesConfig_WinsLikeGit()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("config", "extensions.worktreeConfig", "true");
        repo.Run("config", "core.hooksPath", ".githooks");
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "feature", worktree);
        repo.RunIn(worktree, "config", "--worktree", "core.hooksPath", "tools/hooks");

        using var linked = repo.Open(startDirectory: worktree);
        using var main = repo.Open();

        Assert.Equal(Path.Combine(worktree, "tools", "hooks"), linked.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, worktree), linked.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, repo.WorkDir), main.HooksDirectory);
    }

    [Fact]
    public void HooksDirectory_AbsoluteCoreHooksPath_IsThatPath()
    {
        using var repo = TempRepo.Init();
        var hooks = Path.Combine(repo.Root, "shared-hooks");
        repo.Run("config", "core.hooksPath", hooks);

        using var workspace = repo.Open();

        Assert.Equal(hooks, workspace.HooksDirectory);
        Assert.Equal(GitHooksPath(repo, repo.WorkDir), workspace.HooksDirectory);
    }

    /// <summary>What git says, as an absolute real path: <c>realpath "$(git rev-parse --git-path hooks)"</c>.</summary>
    private static string GitHooksPath(TempRepo repo, string directory)
    {
        var answer = repo.RunIn(directory, "rev-parse", "--git-path", "hooks").TrimEnd('\n');
        return TempRepo.RealPath(Path.Combine(directory, answer));
    }
}

using System.IO;

namespace ScopeGuard.Git.Tests;

/// <summary>The other worktrees of a repository, and whether core.hooksPath names a different folder in each.</summary>
public sealed class WorktreeRootsTests
{
    [Fact]
    public void WorktreeRoots_FromMainOrLinkedWorktree_ListsMainThenEveryLinkedWorktreeThatExists()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var billing = Path.Combine(repo.Root, "wt billing");
        var docs = Path.Combine(repo.Root, "wt-docs");
        var gone = Path.Combine(repo.Root, "wt-gone");
        repo.Run("worktree", "add", "-q", "-b", "agent/billing", billing);
        repo.Run("worktree", "add", "-q", "-b", "agent/docs", docs);
        repo.Run("worktree", "add", "-q", "-b", "agent/gone", gone);
        Directory.Delete(gone, recursive: true);

        using var fromMain = repo.Open();
        using var fromBilling = repo.Open(startDirectory: billing);

        string[] expected = [repo.WorkDir, billing, docs];
        Assert.Equal(expected, fromMain.WorktreeRoots);
        Assert.Equal(expected, fromBilling.WorktreeRoots);
    }

    [Fact]
    public void WorktreeRoots_BareRepositoryWithLinkedWorktree_ListsOnlyTheLinkedOne()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var bare = Path.Combine(repo.Root, "bare.git");
        repo.Run("clone", "-q", "--bare", repo.WorkDir, bare);
        var linked = Path.Combine(repo.Root, "wt");
        repo.RunIn(bare, "worktree", "add", "-q", "-b", "feature", linked);

        using var workspace = repo.Open(startDirectory: linked);

        Assert.Equal([linked], workspace.WorktreeRoots);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(".githooks", true)]
    [InlineData("tools/hooks", true)]
    [InlineData("~/hooks", false)]
    [InlineData("ABSOLUTE", false)]
    public void IsHooksPathRelative_CoreHooksPath_IsTrueOnlyForAPathGitResolvesPerWorktree(string? hooksPath, bool expected)
    {
        using var repo = TempRepo.Init();
        if (hooksPath is not null)
        {
            repo.Run("config", "core.hooksPath", hooksPath == "ABSOLUTE" ? Path.Combine(repo.Root, "hooks") : hooksPath);
        }

        using var workspace = repo.Open();

        Assert.Equal(expected, workspace.IsHooksPathRelative);
    }
}

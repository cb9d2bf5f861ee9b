using System.IO;

namespace ScopeGuard.Git.Tests;

public sealed class BranchTests
{
    [Fact]
    public void Branch_OnMain_IsMain()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();

        using var workspace = repo.Open();

        Assert.Equal("main", workspace.Branch);
        Assert.False(workspace.IsHeadDetached);
        Assert.False(workspace.IsHeadUnborn);
    }

    [Fact]
    public void Branch_NameWithSlashes_IsTheFullShortName()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("checkout", "-q", "-b", "agent/billing/x");

        using var workspace = repo.Open();

        Assert.Equal("agent/billing/x", workspace.Branch);
    }

    [Fact]
    public void Branch_DetachedHead_IsNull()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        repo.Run("checkout", "-q", "--detach");

        using var workspace = repo.Open();

        Assert.Null(workspace.Branch);
        Assert.True(workspace.IsHeadDetached);
    }

    [Fact]
    public void Branch_UnbornBranchWithSlash_IsThatBranchAndHeadIsUnborn()
    {
        using var repo = TempRepo.Init("agent/x");

        using var workspace = repo.Open();

        Assert.Equal("agent/x", workspace.Branch);
        Assert.True(workspace.IsHeadUnborn);
        Assert.False(workspace.IsHeadDetached);
    }

    [Fact]
    public void Branch_LinkedWorktree_IsTheWorktreesOwnBranch()
    {
        using var repo = TempRepo.Init();
        repo.WriteFile("a.txt", "a\n");
        repo.CommitAll();
        var worktree = Path.Combine(repo.Root, "wt");
        repo.Run("worktree", "add", "-q", "-b", "agent/wt", worktree);

        using var linked = repo.Open(startDirectory: Path.Combine(worktree));
        using var main = repo.Open();

        Assert.Equal("agent/wt", linked.Branch);
        Assert.Equal(worktree, linked.WorkingDirectory);
        Assert.Equal(Path.Combine(repo.WorkDir, ".git", "worktrees", "wt"), linked.GitDirectory);
        Assert.Equal(Path.Combine(repo.WorkDir, ".git"), linked.CommonDirectory);
        Assert.Equal("main", main.Branch);
    }
}

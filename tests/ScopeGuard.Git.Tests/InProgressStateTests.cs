using System;
using System.Collections.Generic;
using System.IO;

namespace ScopeGuard.Git.Tests;

/// <summary>
/// What git is in the middle of (a rebase and the branch it rewrites, a merge, a cherry-pick, a revert),
/// with real git stopped half-way, in the main worktree and in a linked one.
/// </summary>
public sealed class InProgressStateTests
{
    private const string Branch = "agent/billing";

    private static readonly Dictionary<string, string> NoEditor = new() { ["GIT_EDITOR"] = "true" };

    // Marks the first step of the todo list "edit": the rebase stops right after replaying it.
    private static readonly Dictionary<string, string> EditFirstStep = new()
    {
        ["GIT_EDITOR"] = "true",
        ["GIT_SEQUENCE_EDITOR"] = "sed -i -e '1s/^pick/edit/'",
    };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RebaseBranch_InteractiveRebaseStoppedAtEdit_IsTheBranchBeingRebasedAndOntoIsTheBase(bool linkedWorktree)
    {
        using var repo = TempRepo.Init();
        var (where, onto) = BranchBehindMain(repo, linkedWorktree, conflicting: false);

        repo.RunIn(where, EditFirstStep, "rebase", "-i", "main");

        using var workspace = repo.Open(startDirectory: where);
        Assert.True(workspace.IsHeadDetached);
        Assert.Null(workspace.Branch);
        Assert.True(workspace.IsRebaseInProgress);
        Assert.Equal(Branch, workspace.RebaseBranch);
        Assert.Equal(onto, workspace.RebaseOnto);
        Assert.Empty(workspace.MergeHeads);
        Assert.True(File.Exists(Path.Combine(workspace.GitDirectory, "rebase-merge", "head-name")));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void RebaseBranch_RebaseStoppedOnAConflict_IsTheBranchBeingRebasedAndOntoIsTheBase(bool linkedWorktree, bool applyBackend)
    {
        using var repo = TempRepo.Init();
        var (where, onto) = BranchBehindMain(repo, linkedWorktree, conflicting: true);

        var rebase = TryRun(repo, where, NoEditor, applyBackend ? ["rebase", "--apply", "main"] : ["rebase", "main"]);

        Assert.False(rebase, "the rebase was expected to stop on a conflict");
        using var workspace = repo.Open(startDirectory: where);
        Assert.Null(workspace.Branch);
        Assert.True(workspace.IsRebaseInProgress);
        Assert.Equal(Branch, workspace.RebaseBranch);
        Assert.Equal(onto, workspace.RebaseOnto);
        Assert.True(Directory.Exists(Path.Combine(workspace.GitDirectory, applyBackend ? "rebase-apply" : "rebase-merge")));
    }

    [Fact]
    public void RebaseBranch_RebaseInALinkedWorktree_IsNotSeenFromTheMainWorktree()
    {
        using var repo = TempRepo.Init();
        var (where, _) = BranchBehindMain(repo, linkedWorktree: true, conflicting: false);
        repo.RunIn(where, EditFirstStep, "rebase", "-i", "main");

        using var main = repo.Open();

        Assert.Equal("main", main.Branch);
        Assert.False(main.IsRebaseInProgress);
        Assert.Null(main.RebaseBranch);
        Assert.Null(main.RebaseOnto);
    }

    [Fact]
    public void RebaseBranch_NothingInProgress_IsNullAndNoOtherOperationIsReported()
    {
        using var repo = TempRepo.Init();
        BranchBehindMain(repo, linkedWorktree: false, conflicting: false);

        using var workspace = repo.Open();

        Assert.Equal(Branch, workspace.Branch);
        Assert.False(workspace.IsRebaseInProgress);
        Assert.Null(workspace.RebaseBranch);
        Assert.Null(workspace.RebaseOnto);
        Assert.False(workspace.IsMergeInProgress);
        Assert.Empty(workspace.MergeHeads);
        Assert.Null(workspace.CherryPickHead);
        Assert.Null(workspace.RevertHead);
    }

    [Fact]
    public void RebaseBranch_RebasingADetachedHead_IsNullButTheRebaseIsInProgress()
    {
        using var repo = TempRepo.Init();
        var (where, onto) = BranchBehindMain(repo, linkedWorktree: false, conflicting: false);
        repo.RunIn(where, "switch", "-q", "--detach", Branch);

        repo.RunIn(where, EditFirstStep, "rebase", "-i", "main");

        using var workspace = repo.Open(startDirectory: where);
        Assert.True(workspace.IsRebaseInProgress);
        Assert.Null(workspace.RebaseBranch);
        Assert.Equal(onto, workspace.RebaseOnto);
    }

    [Fact]
    public void IsRebaseInProgress_GitAmStoppedOnAConflict_IsFalse()
    {
        using var repo = TempRepo.Init();
        var (where, _) = BranchBehindMain(repo, linkedWorktree: false, conflicting: true);
        var patch = Path.Combine(repo.Root, "patches");
        repo.RunIn(where, "format-patch", "-q", "-o", patch, "main.." + Branch);
        repo.RunIn(where, "switch", "-q", "main");

        var am = TryRun(repo, where, NoEditor, ["am", "-q", Path.Combine(patch, "0001-billing-one.patch")]);

        Assert.False(am, "git am was expected to stop on a conflict");
        using var workspace = repo.Open(startDirectory: where);
        Assert.True(Directory.Exists(Path.Combine(workspace.GitDirectory, "rebase-apply")));
        Assert.False(workspace.IsRebaseInProgress);
        Assert.Null(workspace.RebaseBranch);
        Assert.Null(workspace.RebaseOnto);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void MergeHeads_MergeStoppedOnAConflict_IsTheCommitBeingMergedIn(bool linkedWorktree)
    {
        using var repo = TempRepo.Init();
        var (where, mainTip) = BranchBehindMain(repo, linkedWorktree, conflicting: true);

        var merge = TryRun(repo, where, NoEditor, ["merge", "-q", "main"]);

        Assert.False(merge, "the merge was expected to stop on a conflict");
        using var workspace = repo.Open(startDirectory: where);
        Assert.True(workspace.IsMergeInProgress);
        Assert.Equal([mainTip], workspace.MergeHeads);
        Assert.Equal(Branch, workspace.Branch);
        Assert.False(workspace.IsRebaseInProgress);
        Assert.Null(workspace.CherryPickHead);
        Assert.Null(workspace.RevertHead);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CherryPickHead_CherryPickStoppedOnAConflict_IsThePickedCommit(bool linkedWorktree)
    {
        using var repo = TempRepo.Init();
        var (where, mainTip) = BranchBehindMain(repo, linkedWorktree, conflicting: true);

        var pick = TryRun(repo, where, NoEditor, ["cherry-pick", "main"]);

        Assert.False(pick, "the cherry-pick was expected to stop on a conflict");
        using var workspace = repo.Open(startDirectory: where);
        Assert.Equal(mainTip, workspace.CherryPickHead);
        Assert.Null(workspace.RevertHead);
        Assert.False(workspace.IsMergeInProgress);
        Assert.Equal(Branch, workspace.Branch);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RevertHead_RevertStoppedOnAConflict_IsTheRevertedCommit(bool linkedWorktree)
    {
        using var repo = TempRepo.Init();
        var (where, _) = BranchBehindMain(repo, linkedWorktree, conflicting: false);
        Write(where, "billing.txt", "three\n");
        repo.RunIn(where, "commit", "-q", "--no-verify", "-am", "billing three");
        var reverted = repo.RunIn(where, "rev-parse", "HEAD~2").Trim();

        var revert = TryRun(repo, where, NoEditor, ["revert", "--no-edit", reverted]);

        Assert.False(revert, "the revert was expected to stop on a conflict");
        using var workspace = repo.Open(startDirectory: where);
        Assert.Equal(reverted, workspace.RevertHead);
        Assert.Null(workspace.CherryPickHead);
        Assert.False(workspace.IsRebaseInProgress);
    }

    // main: base commit, then one more commit (the returned tip). agent/billing leaves main at the base and adds two
    // commits to billing.txt; with conflicting, main's extra commit writes billing.txt too. The branch is checked out
    // in the main worktree or in a linked one (returned as where).
    private static (string Where, string MainTip) BranchBehindMain(TempRepo repo, bool linkedWorktree, bool conflicting)
    {
        repo.WriteFile("README.md", "base\n");
        repo.CommitAll("base");
        repo.Run("branch", Branch);
        repo.WriteFile(conflicting ? "billing.txt" : "main.txt", "main\n");
        var mainTip = repo.CommitAll("main moves on");

        string where;
        if (linkedWorktree)
        {
            where = Path.Combine(repo.Root, "wt billing");
            repo.Run("worktree", "add", "-q", where, Branch);
        }
        else
        {
            where = repo.WorkDir;
            repo.Run("switch", "-q", Branch);
        }

        Write(where, "billing.txt", "one\n");
        repo.RunIn(where, "add", "-A");
        repo.RunIn(where, "commit", "-q", "--no-verify", "-m", "billing one");
        Write(where, "billing.txt", "two\n");
        repo.RunIn(where, "commit", "-q", "--no-verify", "-am", "billing two");
        return (where, mainTip);
    }

    private static void Write(string where, string path, string text) => File.WriteAllText(Path.Combine(where, path), text);

    private static bool TryRun(TempRepo repo, string where, Dictionary<string, string> environment, string[] args)
    {
        try
        {
            repo.RunIn(where, environment, args);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}

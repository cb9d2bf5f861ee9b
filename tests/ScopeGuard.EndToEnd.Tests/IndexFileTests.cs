using System;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// The hook must judge the index git is about to commit. For <c>git commit -a</c> and
/// <c>git commit PATH…</c> that is a temporary index named by GIT_INDEX_FILE, not .git/index.
/// </summary>
public sealed class IndexFileTests
{
    [Fact]
    public void CommitAll_OutOfScopeChangeOnlyInWorkingTree_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var before = repo.Head(billing);
        repo.Append("src/Billing/Invoice.cs", "// staged, in scope\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        repo.Append("src/Shipping/Shipment.cs", "// only in the working tree\n", billing);
        var staged = repo.ReadOnlyTool(billing, "check", "--staged");
        Assert.True(staged.ExitCode == 0, $"the real index holds only the in-scope change:\n{staged}");

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("2 file(s) checked (staged)", commit.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));
    }

    [Fact]
    public void CommitAll_OutOfScopeDeletionOnlyInWorkingTree_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        System.IO.File.Delete(System.IO.Path.Combine(billing, "docs", "index.md"));

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing' may not change 'docs/index.md' (deleted)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CommitPath_OutOfScopeChangeOnlyInWorkingTree_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var before = repo.Head(billing);
        repo.Append("src/Shipping/Shipment.cs", "// only in the working tree\n", billing);

        var commit = repo.Commit(billing, "--", "src/Shipping/Shipment.cs");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));
    }

    [Fact]
    public void CommitInclude_OutOfScopeChangeAddedByInclude_IsRefused()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// staged\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        repo.Append("src/Shipping/Shipment.cs", "// working tree only\n", billing);

        var commit = repo.Commit(billing, "--include", "--", "src/Shipping/Shipment.cs");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void CommitPath_InScopePathWhileOutOfScopeChangeIsStaged_IsAcceptedAndLeavesTheOtherChangeStaged()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// staged, out of scope\n", billing);
        repo.GitIn(billing, "add", "src/Shipping/Shipment.cs");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);

        var commit = repo.Commit(billing, "--", "src/Billing/Invoice.cs");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal("src/Billing/Invoice.cs\n", repo.GitIn(billing, "diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
        Assert.Equal("src/Shipping/Shipment.cs\n", repo.GitIn(billing, "diff", "--cached", "--name-only"));
    }

    [Fact]
    public void Commit_OutOfScopeEditNotStaged_InScopeStagedChangeIsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// staged\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        repo.Append("src/Shipping/Shipment.cs", "// not staged\n", billing);
        repo.Write("src/Shipping/Untracked.cs", "// untracked\n", billing);

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Contains("1 file(s) checked (staged): 0 error(s)", commit.Output, StringComparison.Ordinal);
        Assert.Equal("src/Billing/Invoice.cs\n", repo.GitIn(billing, "diff-tree", "--no-commit-id", "--name-only", "-r", "HEAD"));
    }

    [Fact]
    public void Commit_PartiallyStagedInScopeFile_IsJudgedByTheStagedVersion()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// first hunk, staged\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        repo.Append("src/Billing/Invoice.cs", "// second hunk, not staged\n", billing);
        repo.Append("src/Shipping/Shipment.cs", "// not staged\n", billing);

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.DoesNotContain("second hunk", repo.GitIn(billing, "show", "HEAD:src/Billing/Invoice.cs"), StringComparison.Ordinal);
        Assert.Contains("second hunk", repo.GitIn(billing, "diff", "--", "src/Billing/Invoice.cs"), StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_OutOfScopeChangeStagedThenUnstaged_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// staged then unstaged\n", billing);
        repo.GitIn(billing, "add", "src/Shipping/Shipment.cs");
        repo.GitIn(billing, "restore", "--staged", "src/Shipping/Shipment.cs");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void CommitAll_WithGitDirAndWorkTreeOptionsFromElsewhere_IsStillJudged()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var gitDir = repo.GitIn(billing, "rev-parse", "--absolute-git-dir").Trim();
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);

        var commit = repo.TryGit(repo.Root, null, "--git-dir", gitDir, "--work-tree", billing, "commit", "-a", "-m", "change");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_IndexWithStaleStatInformation_LeavesTheIndexBytesAlone()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var touched = System.IO.Path.Combine(billing, "src", "Shipping", "Shipment.cs");
        System.IO.File.SetLastWriteTimeUtc(touched, DateTime.UtcNow.AddMinutes(5));
        repo.Append("src/Billing/Invoice.cs", "// staged\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        repo.Append("src/Billing/Invoice.cs", "// unstaged\n", billing);

        var check = repo.ReadOnlyTool(billing, "check", "--staged");
        var doctor = repo.ReadOnlyTool(billing, "doctor");
        var which = repo.ReadOnlyTool(billing, "which", "src/Billing/Invoice.cs");
        var lint = repo.ReadOnlyTool(billing, "lint");

        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.True(doctor.ExitCode == 0, doctor.ToString());
        Assert.True(which.ExitCode == 0, which.ToString());
        // The standard manifest's ops agent ("**") overlaps every agent: lint reports it (exit 1), not an error (2).
        Assert.True(lint.ExitCode == 1, lint.ToString());
        Assert.Contains("warning SG0100", lint.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_FromSubdirectory_JudgesRepositoryPaths()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        repo.GitIn(billing, "add", "--all");

        var (result, report) = repo.CheckJson(System.IO.Path.Combine(billing, "src", "Billing"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("src/Shipping/Shipment.cs", report.GetProperty("findings")[0].GetProperty("path").GetString());
    }

    [Fact]
    public void CommitAll_InMainWorktreeOnAgentBranch_UsesTheTemporaryIndexToo()
    {
        using var repo = TempRepo.Create();
        repo.Git("switch", "--quiet", "-c", "agent/docs");
        repo.Append("docs/index.md", "ok\n");
        repo.Git("add", "docs/index.md");
        repo.Append("src/Billing/Invoice.cs", "// working tree only\n");

        var commit = repo.Commit(repo.Path, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Billing/Invoice.cs(1,1): error SG0001: agent 'docs'", commit.Output, StringComparison.Ordinal);
    }
}

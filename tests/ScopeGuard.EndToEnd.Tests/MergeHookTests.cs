using System;
using System.IO;
using System.Linq;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// <c>git merge</c> records a merge commit without running pre-commit: it runs <c>pre-merge-commit</c>,
/// which <c>scopeguard install</c> writes too. These merges are real, and so is the hook that refuses them.
/// </summary>
public sealed class MergeHookTests
{
    private const string ForeignFailing = "#!/bin/sh\necho 'foreign hook: lint failed' >&2\nexit 3\n";

    [Fact]
    public void Merge_NoFfOfABranchWithOutOfScopeChanges_IsRefusedByThePreMergeCommitHook()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");

        // The agent commits out of its scope on a branch no agent owns (unknownAgent is allow: the commit passes),
        // then merges that branch into its own with a merge commit, which no pre-commit hook sees.
        var scratch = CommitOnScratchBranch(repo, billing, "src/Shipping/Shipment.cs");
        var before = repo.Head(billing);
        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "-m", "merge scratch", "scratch");
        var commitAfter = repo.Commit(billing, "--no-edit");

        Assert.True(scratch.ExitCode == 0, scratch.ToString());
        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", merge.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));

        // git keeps the merge in progress; concluding it with git commit meets the pre-commit hook.
        Assert.True(commitAfter.ExitCode != 0, commitAfter.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commitAfter.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));
    }

    [Fact]
    public void Merge_NoFfOfABranchWithInScopeChanges_RecordsTheMergeCommit()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var scratch = CommitOnScratchBranch(repo, billing, "src/Billing/Invoice.cs");

        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "-m", "merge scratch", "scratch");

        Assert.True(scratch.ExitCode == 0, scratch.ToString());
        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(3, repo.GitIn(billing, "rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length);
    }

    [Fact]
    public void Merge_MainWithAMaintainersOutOfScopeChangeIntoAnAgentBranch_IsNotBlamedOnTheAgent()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// the agent's own work\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.Append("src/Shipping/Shipment.cs", "// a maintainer's change on main\n");
        Assert.Equal(0, repo.Commit(repo.Path, "-a").ExitCode);

        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "-m", "merge main", "main");

        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(3, repo.GitIn(billing, "rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length);
    }

    [Fact]
    public void Merge_MainResolvedAfterAConflict_OnlyTheAgentsOwnResolutionIsJudged()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("README.md", "the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);
        repo.Append("README.md", "main's line\n");
        repo.Append("src/Shipping/Shipment.cs", "// a maintainer's change on main\n");
        Assert.Equal(0, repo.Commit(repo.Path, "-a").ExitCode);
        var conflicted = repo.TryGit(billing, null, "merge", "main");
        repo.Write("README.md", "# Contoso\nthe agent's line\nmain's line\n", billing);
        repo.GitIn(billing, "add", "README.md");

        var commit = repo.Commit(billing, "--no-edit");

        Assert.True(conflicted.ExitCode != 0, conflicted.ToString());
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("README.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Shipment.cs", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_DuringAStoppedInteractiveRebase_IsJudgedAsTheAgentOfTheBranchBeingRebased()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// one\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        var editFirst = new System.Collections.Generic.Dictionary<string, string?> { ["GIT_SEQUENCE_EDITOR"] = "sed -i -e '1s/^pick/edit/'" };
        var rebase = repo.TryGit(billing, editFirst, "rebase", "-i", "main");
        repo.Append("src/Shipping/Shipment.cs", "// slipped in while HEAD is detached\n", billing);

        var amend = repo.Commit(billing, "-a", "--amend", "--no-edit");

        Assert.True(rebase.ExitCode == 0, rebase.ToString());
        Assert.True(amend.ExitCode != 0, amend.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", amend.Output, StringComparison.Ordinal);
        Assert.Contains("the branch being rebased", amend.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Install_ForeignPreMergeCommitHook_ExitsTwoAndWritesNoHook()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var foreign = WriteHook(hooks, "pre-merge-commit", ForeignFailing);
        var before = File.ReadAllBytes(foreign);

        var install = repo.Tool(repo.Path, "install");

        Assert.True(install.ExitCode == 2, install.ToString());
        Assert.Contains($"'{foreign}' already exists and is not ScopeGuard's hook; nothing was changed", install.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(foreign));
        Assert.Equal(["pre-merge-commit"], HookFiles(hooks));
    }

    [Fact]
    public void Install_ChainWithForeignPreMergeCommitHook_ItRunsFirstOnMergeAndUninstallPutsItBack()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var foreign = WriteHook(hooks, "pre-merge-commit", ForeignFailing);
        var original = File.ReadAllBytes(foreign);

        var install = repo.Tool(repo.Path, "install", "--chain");
        var billing = repo.AddWorktree("agent/billing");
        CommitOnScratchBranch(repo, billing, "src/Billing/Invoice.cs");
        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "-m", "merge scratch", "scratch");
        var uninstall = repo.Tool(repo.Path, "uninstall");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("the existing hook runs first (pre-merge-commit.scopeguard-chained)", install.Stdout, StringComparison.Ordinal);
        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.Contains("foreign hook: lint failed", merge.Output, StringComparison.Ordinal);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.Contains("removed the pre-merge-commit hook", uninstall.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(foreign));
        Assert.Equal(["pre-merge-commit"], HookFiles(hooks));
    }

    [Fact]
    public void Install_ForceWithForeignPreMergeCommitHook_ReplacesItKeepsABackupAndScopeGuardJudgesTheMerge()
    {
        using var repo = TempRepo.Create(install: false);
        var hooks = repo.HooksDirectory(repo.Path);
        var original = File.ReadAllBytes(WriteHook(hooks, "pre-merge-commit", ForeignFailing));

        var install = repo.Tool(repo.Path, "install", "--force");
        var billing = repo.AddWorktree("agent/billing");
        CommitOnScratchBranch(repo, billing, "src/Shipping/Shipment.cs");
        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "-m", "merge scratch", "scratch");

        Assert.True(install.ExitCode == 0, install.ToString());
        Assert.Contains("the old hook is kept as pre-merge-commit.scopeguard-backup", install.Stdout, StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllBytes(Path.Combine(hooks, "pre-merge-commit.scopeguard-backup")));
        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.DoesNotContain("foreign hook", merge.Output, StringComparison.Ordinal);
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", merge.Output, StringComparison.Ordinal);
    }

    // In the worktree on agent/billing: commits an edit of path on a new branch "scratch" (no agent's branch), then
    // switches back to agent/billing. Returns the commit's result (the real pre-commit hook judged it).
    private static ProcessResult CommitOnScratchBranch(TempRepo repo, string worktree, string path)
    {
        repo.GitIn(worktree, "switch", "--quiet", "-c", "scratch");
        repo.Append(path, "// on scratch\n", worktree);
        var commit = repo.Commit(worktree, "-a");
        repo.GitIn(worktree, "switch", "--quiet", "agent/billing");
        return commit;
    }

    private static string WriteHook(string hooks, string name, string text)
    {
        Directory.CreateDirectory(hooks);
        var file = Path.Combine(hooks, name);
        File.WriteAllText(file, text);
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return file;
    }

    private static string[] HookFiles(string hooks) =>
        Directory.GetFiles(hooks).Select(f => Path.GetFileName(f)).Where(n => !n.EndsWith(".sample", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
}

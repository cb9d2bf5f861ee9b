using System;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// Issue 18: no false alarms in a developer's day. A merge, cherry-pick or revert stopped on a conflict
/// and concluded with <c>git commit</c> (the real pre-commit hook), a merge git records itself
/// (pre-merge-commit), and a clone whose local main lags origin/main. What the operation brings from
/// someone else's commits is not the agent's change; what the agent's resolution adds still is.
/// </summary>
public sealed class InProgressOperationTests
{
    private const string Invoice = "namespace Contoso.Billing;\n\npublic sealed class Invoice\n{\n}\n";
    private const string Shipment = "namespace Contoso.Shipping;\n\npublic sealed class Shipment\n{\n}\n";

    [Fact]
    public void Merge_OriginMainIntoAnAgentBranchOfAStaleClone_ConflictResolved_CommitAndPushPass()
    {
        using var repo = TempRepo.Create();
        repo.AddBareRemote();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);

        // Someone else pushes to origin/main; this clone's main stays where it was.
        var other = System.IO.Path.Combine(repo.Root, "other");
        repo.GitIn(repo.Root, "clone", "--quiet", System.IO.Path.Combine(repo.Root, "remote.git"), other);
        repo.GitIn(other, "config", "user.name", "Someone");
        repo.GitIn(other, "config", "user.email", "someone@example.invalid");
        repo.Append("src/Billing/Invoice.cs", "// someone else's line\n", other);
        repo.Append("src/Shipping/Shipment.cs", "// someone else's change\n", other);
        repo.GitIn(other, "commit", "--quiet", "-am", "someone else");
        repo.GitIn(other, "push", "--quiet", "origin", "main");
        repo.GitIn(billing, "fetch", "--quiet", "origin");

        var merge = repo.TryGit(billing, null, "merge", "origin/main");
        repo.Write("src/Billing/Invoice.cs", Invoice + "// the agent's line\n// someone else's line\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
        var commit = repo.Commit(billing, "--no-edit");
        var push = repo.TryGit(billing, null, "push", "origin", "agent/billing");

        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.True(push.ExitCode == 0, push.ToString());
    }

    [Fact]
    public void Merge_AnotherAgentsBranchStoppedOnAConflict_WhatItBringsIsNotTheAgents()
    {
        using var repo = TempRepo.Create();
        var (billing, ops) = Conflicting(repo);

        var merge = repo.TryGit(billing, null, "merge", "agent/ops");
        Resolve(repo, billing);
        var check = repo.ReadOnlyTool(billing, "check", "--staged");
        var commit = repo.Commit(billing, "--no-edit");

        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.Contains("a merge, cherry-pick or revert is in progress", check.Output, StringComparison.Ordinal);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Equal(3, repo.GitIn(billing, "rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length);
        Assert.NotEqual(ops, repo.Head(billing));
    }

    [Fact]
    public void Merge_AFileBothSidesChanged_OnlyTheResolutionsOwnDeclarationsAreJudged()
    {
        using var repo = TempRepo.Create();
        var (billing, _) = Conflicting(repo);

        // Both branches changed Shipment.cs (the agent with --no-verify, earlier), so the resolution is
        // neither side's. The ops method is what the merge brings; a method the resolution adds is the agent's.
        repo.Write("src/Shipping/Shipment.cs", Shipment.Replace("{\n}", "{\n    public void FromBilling() { }\n}", StringComparison.Ordinal), billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);
        var merge = repo.TryGit(billing, null, "merge", "agent/ops");
        Resolve(repo, billing);
        var merged = Shipment.Replace("{\n}", "{\n    public void FromBilling() { }\n\n    public void FromOps() { }\n}", StringComparison.Ordinal);
        repo.Write("src/Shipping/Shipment.cs", merged, billing);
        repo.GitIn(billing, "add", "src/Shipping/Shipment.cs");
        var clean = repo.ReadOnlyTool(billing, "check", "--staged");

        repo.Write("src/Shipping/Shipment.cs", merged.Replace("public void FromOps() { }", "public void FromOps() { }\n    public void SlippedIn() { }", StringComparison.Ordinal), billing);
        repo.GitIn(billing, "add", "src/Shipping/Shipment.cs");
        var slipped = repo.ReadOnlyTool(billing, "check", "--staged");

        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.True(slipped.ExitCode == 1, slipped.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", slipped.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_AScratchBranchNoAgentOwns_ItsChangesStayTheAgents()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.GitIn(billing, "switch", "--quiet", "-c", "scratch", "main");
        repo.Append("src/Billing/Invoice.cs", "// scratch line\n", billing);
        repo.Append("src/Shipping/Shipment.cs", "// made as nobody\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.GitIn(billing, "switch", "--quiet", "agent/billing");

        var merge = repo.TryGit(billing, null, "merge", "scratch");
        Resolve(repo, billing);
        var commit = repo.Commit(billing, "--no-edit");

        Assert.True(merge.ExitCode != 0, merge.ToString());
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_AnotherAgentsBranchRecordedByGit_PreMergeCommitPasses()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var ops = repo.AddWorktree("agent/ops");
        repo.Append("src/Billing/Invoice.cs", "// the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.Append("src/Shipping/Shipment.cs", "// ops\n", ops);
        Assert.Equal(0, repo.Commit(ops, "-a").ExitCode);

        var merge = repo.TryGit(billing, null, "merge", "--no-ff", "--no-edit", "agent/ops");

        Assert.True(merge.ExitCode == 0, merge.ToString());
        Assert.Equal(3, repo.GitIn(billing, "rev-list", "--parents", "-n", "1", "HEAD").Trim().Split(' ').Length);
    }

    [Fact]
    public void CherryPick_AnotherAgentsCommitStoppedOnAConflict_ResolvedCommitPasses()
    {
        using var repo = TempRepo.Create();
        var (billing, ops) = Conflicting(repo);

        var pick = repo.TryGit(billing, null, "cherry-pick", ops);
        Resolve(repo, billing);
        var commit = repo.Commit(billing, "--no-edit");

        Assert.True(pick.ExitCode != 0, pick.ToString());
        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void Revert_AMaintainersCommitStoppedOnAConflict_ResolvedCommitPasses()
    {
        using var repo = TempRepo.Create();
        repo.Append("src/Billing/Invoice.cs", "// maintainer's line\n");
        repo.Append("src/Shipping/Shipment.cs", "// maintainer's change\n");
        Assert.Equal(0, repo.Commit(repo.Path, "-a").ExitCode);
        var reverted = repo.Head(repo.Path);
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Billing/Invoice.cs", Invoice + "// the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);

        var revert = repo.TryGit(billing, null, "revert", "--no-edit", reverted);
        repo.Write("src/Billing/Invoice.cs", Invoice + "// the agent's line\n", billing);
        repo.GitIn(billing, "add", "-A");
        var commit = repo.Commit(billing, "--no-edit");

        Assert.True(revert.ExitCode != 0, revert.ToString());
        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    // agent/billing and agent/ops each append a line to Invoice.cs (a conflict); ops also changes Shipment.cs
    // (outside billing's paths) and adds a method there. Returns billing's worktree and ops' commit.
    private static (string Billing, string OpsCommit) Conflicting(TempRepo repo)
    {
        var billing = repo.AddWorktree("agent/billing");
        var ops = repo.AddWorktree("agent/ops");
        repo.Append("src/Billing/Invoice.cs", "// the agent's line\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.Append("src/Billing/Invoice.cs", "// ops' line\n", ops);
        repo.Write("src/Shipping/Shipment.cs", Shipment.Replace("{\n}", "{\n    public void FromOps() { }\n}", StringComparison.Ordinal), ops);
        Assert.Equal(0, repo.Commit(ops, "-a").ExitCode);
        return (billing, repo.Head(ops));
    }

    private static void Resolve(TempRepo repo, string billing)
    {
        repo.Write("src/Billing/Invoice.cs", Invoice + "// the agent's line\n// the other line\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");
    }
}

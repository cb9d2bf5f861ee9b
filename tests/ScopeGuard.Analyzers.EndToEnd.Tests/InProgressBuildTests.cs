using System;
using System.IO;
using ScopeGuard.Analyzers.EndToEnd.Tests.Support;

namespace ScopeGuard.Analyzers.EndToEnd.Tests;

/// <summary>
/// Issue 18 in a real build with the packed analyzer: a clone whose local main lags origin/main, a merge
/// of main stopped on a conflict and resolved, and a rebase stopped on a conflict (HEAD detached).
/// Someone else's change to Money (readonly for billing) is never the agent's; the agent's own is.
/// </summary>
[Collection(PackedFeedGroup.Name)]
public sealed class InProgressBuildTests(PackedFeed feed)
{
    private static readonly string OthersMoney = SampleRepo.Money.Replace("new(Amount + other.Amount)", "new(other.Amount + Amount)", StringComparison.Ordinal);

    [Fact]
    public void StaleLocalMain_FetchAndMergeOriginMain_OthersChangesAreNotReported()
    {
        var repo = new SampleRepo(feed, "stale-main");
        var remote = repo.Directory + "-remote.git";
        var other = repo.Directory + "-other";
        repo.Git($"init -q --bare -b main \"{remote}\"");
        repo.Git($"remote add origin \"{remote}\"");
        repo.Git("push -q origin main");
        repo.Git($"clone -q \"{remote}\" \"{other}\"");
        File.WriteAllText(Path.Combine(other, SampleRepo.MoneyPath), OthersMoney);
        ProcessRunner.Git(other, "commit -q -am \"someone else changes Money\"");
        ProcessRunner.Git(other, "push -q origin main");

        repo.Git("checkout -q -b agent/billing");
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(1m)", StringComparison.Ordinal));
        repo.Git("commit -q -am \"the agent's work\"");
        repo.Git("fetch -q origin");
        repo.Git("merge -q --no-edit origin/main");

        var result = repo.Build();

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Empty(result.ScopeGuard);
    }

    [Fact]
    public void MergeOfMainStoppedOnAConflict_ResolvedAndStaged_WhatMainBringsIsNotReported()
    {
        var repo = new SampleRepo(feed, "merging");
        AgentAndMaintainerChangeInvoice(repo);

        var merge = ProcessRunner.Run("git", "merge main", repo.Directory);
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(3m)", StringComparison.Ordinal));
        repo.Git("add " + SampleRepo.InvoicePath);
        var resolved = repo.Build();

        // The agent's own edit of Money during the merge is still reported.
        repo.Write(SampleRepo.MoneyPath, OthersMoney.Replace("new(other.Amount + Amount)", "new(other.Amount + Amount + 1m)", StringComparison.Ordinal));
        var ownEdit = repo.Build();

        Assert.NotEqual(0, merge.ExitCode);
        Assert.True(resolved.ExitCode == 0, resolved.Output);
        Assert.Empty(resolved.ScopeGuard);
        Assert.NotEqual(0, ownEdit.ExitCode);
        Assert.Equal(("SG0002", repo.FullPath(SampleRepo.MoneyPath)), (Assert.Single(ownEdit.ScopeGuard).Id, Assert.Single(ownEdit.ScopeGuard).Path));
    }

    [Fact]
    public void RebaseStoppedOnAConflict_TheBranchBeingRebasedIdentifiesTheAgent()
    {
        var repo = new SampleRepo(feed, "rebasing");
        AgentAndMaintainerChangeInvoice(repo);

        var rebase = ProcessRunner.Run("git", "rebase main", repo.Directory);
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(3m)", StringComparison.Ordinal));
        repo.Git("add " + SampleRepo.InvoicePath);
        var resolved = repo.Build();
        repo.Write(SampleRepo.MoneyPath, OthersMoney.Replace("new(other.Amount + Amount)", "new(other.Amount + Amount + 1m)", StringComparison.Ordinal));
        var ownEdit = repo.Build();

        Assert.NotEqual(0, rebase.ExitCode);
        Assert.True(resolved.ExitCode == 0, resolved.Output);
        Assert.Empty(resolved.ScopeGuard);
        Assert.NotEqual(0, ownEdit.ExitCode);
        var finding = Assert.Single(ownEdit.ScopeGuard);
        Assert.Equal(("SG0002", repo.FullPath(SampleRepo.MoneyPath)), (finding.Id, finding.Path));
        Assert.Contains("agent 'billing'", finding.Message, StringComparison.Ordinal);
    }

    // The agent's branch and main both change the same line of Invoice.cs (a conflict for a merge or a
    // rebase), and main also changes Money.cs, which the agent may not change.
    private static void AgentAndMaintainerChangeInvoice(SampleRepo repo)
    {
        repo.Git("checkout -q -b agent/billing");
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(1m)", StringComparison.Ordinal));
        repo.Git("commit -q -am \"the agent's work\"");
        repo.Git("checkout -q main");
        repo.Write(SampleRepo.InvoicePath, SampleRepo.Invoice.Replace("new(0m)", "new(2m)", StringComparison.Ordinal));
        repo.Write(SampleRepo.MoneyPath, OthersMoney);
        repo.Git("commit -q -am \"a maintainer's change\"");
        repo.Git("checkout -q agent/billing");
    }
}

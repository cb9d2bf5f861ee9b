using System;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>Real <c>git commit</c>s judged by the installed hook.</summary>
public sealed class CommitTests
{
    [Fact]
    public void Commit_InScopeChange_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var before = repo.Head(billing);
        repo.Append("src/Billing/Invoice.cs", "// rounding\n", billing);
        repo.GitIn(billing, "add", "src/Billing/Invoice.cs");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.NotEqual(before, repo.Head(billing));
        Assert.Contains("scopeguard: agent 'billing' (branch \"agent/billing\" matches \"agent/billing\" in agents.billing.branches)", commit.Output, StringComparison.Ordinal);
        Assert.Contains("1 file(s) checked (staged): 0 error(s), 0 warning(s); clean", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_OutOfScopeChange_IsRefusedWithSg0001()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var before = repo.Head(billing);
        repo.Append("src/Billing/Invoice.cs", "// ok\n", billing);
        repo.Append("src/Shipping/Shipment.cs", "// not billing's\n", billing);
        repo.GitIn(billing, "add", "--all");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing' may not change 'src/Shipping/Shipment.cs' (modified)", commit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("src/Billing/Invoice.cs(1,1)", commit.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.Head(billing));
    }

    [Fact]
    public void Commit_AgentOnNestedBranchPattern_IsIdentifiedAndChecked()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing/refunds");
        repo.Append("docs/index.md", "More.\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("matches \"agent/billing/*\"", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_DeniedPathInsideGrantedFolder_IsRefusedBecauseDenyBeatsPaths()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Generated/InvoiceDto.cs", "// hand edit\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(
            "src/Billing/Generated/InvoiceDto.cs(1,1): error SG0001: agent 'billing' may not change 'src/Billing/Generated/InvoiceDto.cs' (modified): it is denied by '/src/Billing/Generated/' in agents.billing.deny",
            commit.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_ManifestEditedByAgentWhosePathsCoverIt_IsRefusedWithSg0004()
    {
        using var repo = TempRepo.Create();
        var ops = repo.AddWorktree("agent/ops");
        repo.Append("src/Shipping/Shipment.cs", "// ops may write anything\n", ops);
        repo.Write("scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"/src/\"", StringComparison.Ordinal), ops);

        var commit = repo.Commit(ops, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(
            "scopes.json(1,1): error SG0004: agent 'ops' may not change protected path 'scopes.json' (modified): it matches '/scopes.json' in settings.protectedPaths",
            commit.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("Shipment.cs(1,1)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentAddsFileUnderProtectedFolder_IsRefusedWithSg0004()
    {
        using var repo = TempRepo.Create();
        var ops = repo.AddWorktree("agent/ops");
        repo.Write("hooks/pre-commit", "#!/bin/sh\nexit 0\n", ops);
        repo.GitIn(ops, "add", "hooks/pre-commit");

        var commit = repo.Commit(ops);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("hooks/pre-commit(1,1): error SG0004: agent 'ops' may not change protected path 'hooks/pre-commit' (added)", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentBoundByWorktreeConfigOnMain_IsRefusedWithSg0005()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "extensions.worktreeConfig", "true");
        repo.Git("config", "--worktree", "scopeguard.agent", "billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope, wrong branch\n", repo.Path);

        var commit = repo.Commit(repo.Path, "-a");

        var (line, column, _, _) = Manifests.StandardMarkup.Span(0);
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains(
            $"scopes.json({line},{column}): error SG0005: agent 'billing' may not commit to protected branch 'main' (matches 'main' in settings.protectedBranches)",
            commit.Output,
            StringComparison.Ordinal);
        Assert.Contains("git config scopeguard.agent (worktree config) is \"billing\"", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentBoundByWorktreeConfigInLinkedWorktree_DoesNotBindTheMainWorktree()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "extensions.worktreeConfig", "true");
        var scratch = repo.AddWorktree("scratch");
        repo.GitIn(scratch, "config", "--worktree", "scopeguard.agent", "docs");
        repo.Append("src/Shipping/Shipment.cs", "// docs agent here\n", scratch);
        repo.Append("src/Shipping/Shipment.cs", "// a person on main\n", repo.Path);

        var agentCommit = repo.Commit(scratch, "-a");
        var personCommit = repo.Commit(repo.Path, "-a");

        Assert.True(agentCommit.ExitCode != 0, agentCommit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'docs'", agentCommit.Output, StringComparison.Ordinal);
        Assert.True(personCommit.ExitCode == 0, personCommit.ToString());
    }

    [Fact]
    public void Commit_AgentInProtectedReleaseBranch_IsRefusedWithSg0005()
    {
        using var repo = TempRepo.Create();
        var release = repo.AddWorktree("release/1.0");
        repo.Append("src/Billing/Invoice.cs", "// hotfix\n", release);

        var commit = repo.CommitWith(release, new System.Collections.Generic.Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "billing" }, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        var (line, column, _, _) = Manifests.StandardMarkup.Span(1);
        Assert.Contains($"scopes.json({line},{column}): error SG0005: agent 'billing' may not commit to protected branch 'release/1.0' (matches 'release/*'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_UnknownAgentBlockOnUnmatchedBranch_IsRefusedWithSg0006()
    {
        using var repo = TempRepo.Create(Manifests.UnknownAgentBlocked);
        var feature = repo.AddWorktree("feature/x");
        repo.Append("docs/index.md", "A person's note.\n", feature);

        var commit = repo.Commit(feature, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Matches(
            @"scopes\.json\(\d+,\d+\): error SG0006: no agent identified: branch ""feature/x"" matches no agent's branches",
            commit.Output);
    }

    [Fact]
    public void Commit_UnknownAgentAllowOnUnmatchedBranch_PersonsCommitPasses()
    {
        using var repo = TempRepo.Create();
        var feature = repo.AddWorktree("feature/x");
        repo.Append("src/Shipping/Shipment.cs", "// a person may write anything\n", feature);
        repo.Write("scopes.json", Manifests.Standard + "\n", feature);

        var commit = repo.Commit(feature, "-a");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Contains("scopeguard: no agent (branch \"feature/x\" matches no agent's branches", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentInWarnMode_IsAcceptedWithWarning()
    {
        using var repo = TempRepo.Create();
        var tests = repo.AddWorktree("agent/tests");
        var before = repo.Head(tests);
        repo.Append("src/Shipping/Shipment.cs", "// tests agent strays\n", tests);

        var commit = repo.Commit(tests, "-a");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.NotEqual(before, repo.Head(tests));
        Assert.Contains("src/Shipping/Shipment.cs(1,1): warning SG0001: agent 'tests' may not change 'src/Shipping/Shipment.cs'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("0 error(s), 1 warning(s); allowed with warnings", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_ManifestModeWarn_AcceptsOutOfScopeCommitWithWarning()
    {
        using var repo = TempRepo.Create(Manifests.Standard.Replace("\"mode\": \"block\"", "\"mode\": \"warn\"", StringComparison.Ordinal));
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// strays\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): warning SG0001:", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_SeveralOutOfScopeFiles_ReportsEachOnceInPathOrder()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", docs);
        repo.Append("src/Billing/Invoice.cs", "// x\n", docs);
        repo.Append("docs/index.md", "ok\n", docs);

        var commit = repo.Commit(docs, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        var billingAt = commit.Output.IndexOf("src/Billing/Invoice.cs(1,1): error SG0001", StringComparison.Ordinal);
        var shippingAt = commit.Output.IndexOf("src/Shipping/Shipment.cs(1,1): error SG0001", StringComparison.Ordinal);
        Assert.True(billingAt >= 0 && shippingAt > billingAt, commit.ToString());
        Assert.Contains("3 file(s) checked (staged): 2 error(s), 0 warning(s); blocked", commit.Output, StringComparison.Ordinal);
    }
}

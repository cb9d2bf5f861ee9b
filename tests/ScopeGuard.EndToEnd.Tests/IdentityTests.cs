using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>Who is committing: --agent, SCOPEGUARD_AGENT, git config scopeguard.agent (worktree first), then the branch.</summary>
public sealed class IdentityTests
{
    [Fact]
    public void Check_IdentitySources_OptionBeatsEnvironmentBeatsWorktreeConfigBeatsBranch()
    {
        // On a branch no agent claims: the environment and git config may not name another agent than the
        // branch's owner (PipelineTests.Commit_AgentSettingAnotherAgentsNameInItsEnvironment_IsRefused).
        using var repo = TempRepo.Create();
        repo.Git("config", "extensions.worktreeConfig", "true");
        var scratch = repo.AddWorktree("scratch");
        var environment = new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "tests" };

        var byBranch = repo.CheckJson(scratch).Report;
        repo.GitIn(scratch, "config", "--worktree", "scopeguard.agent", "docs");
        var byConfig = repo.CheckJson(scratch).Report;
        var byEnvironment = repo.CheckJson(scratch, environment).Report;
        var byOption = repo.CheckJson(scratch, environment, "--agent", "ops").Report;

        Assert.Equal(JsonValueKind.Null, byBranch.GetProperty("agent").ValueKind);
        Assert.Equal(("docs", "git config scopeguard.agent (worktree config) is \"docs\""), Identity(byConfig));
        Assert.Equal(("tests", "SCOPEGUARD_AGENT is \"tests\""), Identity(byEnvironment));
        Assert.Equal(("ops", "--agent is \"ops\""), Identity(byOption));
        Assert.All(new[] { byBranch, byConfig, byEnvironment, byOption }, r => Assert.Equal("scratch", r.GetProperty("branch").GetString()));
    }

    [Fact]
    public void Check_WorktreeConfigBeatsRepositoryConfig_AndRepositoryConfigReachesLinkedWorktrees()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "extensions.worktreeConfig", "true");
        repo.Git("config", "scopeguard.agent", "docs");
        var scratch = repo.AddWorktree("scratch");
        var other = repo.AddWorktree("other");
        repo.GitIn(scratch, "config", "--worktree", "scopeguard.agent", "billing");

        var inScratch = repo.CheckJson(scratch).Report;
        var inOther = repo.CheckJson(other).Report;

        Assert.Equal(("billing", "git config scopeguard.agent (worktree config) is \"billing\""), Identity(inScratch));
        Assert.Equal(("docs", "git config scopeguard.agent (repository config) is \"docs\""), Identity(inOther));
    }

    [Fact]
    public void Check_WorktreeConfigFileWithoutExtension_IsIgnoredAsGitIgnoresIt()
    {
        using var repo = TempRepo.Create();
        var scratch = repo.AddWorktree("scratch");
        var worktreeConfig = System.IO.Path.Combine(repo.GitIn(scratch, "rev-parse", "--absolute-git-dir").Trim(), "config.worktree");
        repo.GitIn(scratch, "config", "--file", worktreeConfig, "scopeguard.agent", "billing");
        var gitSees = repo.TryGit(scratch, null, "config", "scopeguard.agent");

        var report = repo.CheckJson(scratch).Report;

        Assert.True(gitSees.ExitCode == 1 && gitSees.Stdout.Length == 0, gitSees.ToString());
        Assert.Equal(JsonValueKind.Null, report.GetProperty("agent").ValueKind);
    }

    [Fact]
    public void Check_RepositoryFormatVersionOneWithWorktreeConfig_StillOpensAndReadsIt()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "core.repositoryformatversion", "1");
        repo.Git("config", "extensions.worktreeConfig", "true");
        repo.Git("config", "--worktree", "scopeguard.agent", "docs");
        repo.Append("src/Billing/Invoice.cs", "// x\n");
        repo.Git("add", "--all");

        var (result, report) = repo.CheckJson(repo.Path);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("docs", Identity(report).Agent);
        Assert.Equal(["SG0005", "SG0001"], Ids(report));
    }

    [Fact]
    public void Check_AgentOptionOnCleanIndex_ReportsNothingToCheck()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");

        var (result, report) = repo.CheckJson(billing);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(0, report.GetProperty("filesChecked").GetInt32());
        Assert.Equal("staged", report.GetProperty("source").GetString());
        Assert.Equal(repo.BaseManifestLabel(), report.GetProperty("manifest").GetString());
        Assert.Equal("block", report.GetProperty("mode").GetString());
    }

    [Fact]
    public void Check_ModeWarnOption_TurnsErrorsIntoWarningsAndExitsZero()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        repo.GitIn(billing, "add", "--all");

        var blocked = repo.ReadOnlyTool(billing, "check", "--staged");
        var warned = repo.ReadOnlyTool(billing, "check", "--staged", "--mode", "warn");
        var (warnedJson, report) = repo.CheckJson(billing, null, "--mode", "warn");

        Assert.True(blocked.ExitCode == 1, blocked.ToString());
        Assert.True(warned.ExitCode == 0, warned.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): warning SG0001:", warned.Stdout, StringComparison.Ordinal);
        Assert.True(warnedJson.ExitCode == 0, warnedJson.ToString());
        Assert.Equal("warn", report.GetProperty("mode").GetString());
        Assert.Equal(0, report.GetProperty("errors").GetInt32());
        Assert.Equal(1, report.GetProperty("warnings").GetInt32());
        Assert.Equal("warning", report.GetProperty("findings")[0].GetProperty("severity").GetString());
    }

    [Fact]
    public void Check_ModeBlockOption_OverridesAgentsWarnMode()
    {
        using var repo = TempRepo.Create();
        var tests = repo.AddWorktree("agent/tests");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", tests);
        repo.GitIn(tests, "add", "--all");

        var (result, report) = repo.CheckJson(tests, null, "--mode", "block");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("block", report.GetProperty("mode").GetString());
        Assert.Equal(1, report.GetProperty("errors").GetInt32());
    }

    [Fact]
    public void Check_DetachedHead_HasNoBranchAndNoAgentUnlessNamed()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "checkout", "--quiet", "--detach");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        repo.GitIn(billing, "add", "--all");

        var (anonymous, anonymousReport) = repo.CheckJson(billing);
        var (named, namedReport) = repo.CheckJson(billing, null, "--agent", "billing");

        Assert.True(anonymous.ExitCode == 0, anonymous.ToString());
        Assert.Equal(JsonValueKind.Null, anonymousReport.GetProperty("agent").ValueKind);
        Assert.Equal(JsonValueKind.Null, anonymousReport.GetProperty("branch").ValueKind);
        Assert.Contains("HEAD is detached", anonymousReport.GetProperty("identity").GetString(), StringComparison.Ordinal);
        Assert.True(named.ExitCode == 1, named.ToString());
        Assert.Equal(["SG0001"], Ids(namedReport));
    }

    [Fact]
    public void Commit_DetachedHeadWithUnknownAgentBlock_IsRefusedWithSg0006()
    {
        using var repo = TempRepo.Create(Manifests.UnknownAgentBlocked);
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "checkout", "--quiet", "--detach");
        repo.Append("src/Billing/Invoice.cs", "// x\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Matches(@"scopes\.json\(\d+,\d+\): error SG0006: no agent identified: HEAD is detached", commit.Output);
    }

    [Fact]
    public void Commit_DetachedHeadWithAgentFromEnvironment_IsJudgedAsThatAgent()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "checkout", "--quiet", "--detach");
        repo.Append("src/Billing/Invoice.cs", "// x\n", billing);
        var environment = new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "billing" };

        var inScope = repo.CommitWith(billing, environment, "-a");
        repo.Append("docs/index.md", "x\n", billing);
        var outOfScope = repo.CommitWith(billing, environment, "-a");

        Assert.True(inScope.ExitCode == 0, inScope.ToString());
        Assert.True(outOfScope.ExitCode != 0, outOfScope.ToString());
        Assert.Contains("docs/index.md(1,1): error SG0001: agent 'billing'", outOfScope.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RepositoryWithNoCommits_ReadsManifestFromTheIndex()
    {
        using var repo = TempRepo.Empty();
        repo.Write("scopes.json", Manifests.Standard);
        repo.Write("src/Billing/Invoice.cs", "// first\n");
        repo.Git("add", "--all");

        var (person, personReport) = repo.CheckJson(repo.Path);
        var (agent, agentReport) = repo.CheckJson(repo.Path, null, "--agent", "billing");

        Assert.True(person.ExitCode == 0, person.ToString());
        Assert.Equal("scopes.json in the index", personReport.GetProperty("manifest").GetString());
        Assert.Equal("main", personReport.GetProperty("branch").GetString());
        Assert.Equal(2, personReport.GetProperty("filesChecked").GetInt32());
        Assert.True(agent.ExitCode == 1, agent.ToString());
        Assert.Equal(["SG0005", "SG0004"], Ids(agentReport));
        Assert.Equal("scopes.json", agentReport.GetProperty("findings")[1].GetProperty("path").GetString());
    }

    [Fact]
    public void Commit_FirstCommitWithHookInstalledBeforeIt_PersonIsAcceptedAgentIsRefused()
    {
        using var repo = TempRepo.Empty();
        var installed = repo.Tool(repo.Path, "install");
        Assert.True(installed.ExitCode == 0, installed.ToString());
        repo.Write("scopes.json", Manifests.Standard);
        repo.Write("src/Billing/Invoice.cs", "// first\n");
        repo.Git("add", "--all");

        var asAgent = repo.CommitWith(repo.Path, new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "billing" });
        var asPerson = repo.Commit(repo.Path);

        Assert.True(asAgent.ExitCode != 0, asAgent.ToString());
        Assert.Contains("scopes.json(1,1): error SG0004:", asAgent.Output, StringComparison.Ordinal);
        Assert.Contains("judged by scopes.json in the index", asAgent.Output, StringComparison.Ordinal);
        Assert.True(asPerson.ExitCode == 0, asPerson.ToString());
    }

    [Fact]
    public void Commit_UnknownAgentNameInEnvironment_FailsClosed()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// x\n", billing);
        var environment = new Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "nobody" };

        var check = repo.ReadOnlyToolWith(billing, environment, "check", "--staged");
        var commit = repo.CommitWith(billing, environment, "-a");

        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("SCOPEGUARD_AGENT names agent \"nobody\", which scopes.json does not declare; declared agents: billing, docs, tests, ops", check.Stderr, StringComparison.Ordinal);
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("SCOPEGUARD_AGENT names agent \"nobody\"", commit.Output, StringComparison.Ordinal);
    }

    private static (string? Agent, string? Identity) Identity(JsonElement report) =>
        (report.GetProperty("agent").GetString(), report.GetProperty("identity").GetString());

    private static string[] Ids(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToArray();
}

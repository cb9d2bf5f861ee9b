using System;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>
/// Which manifest, which agent, which range and which branch judge a check: the decisions the one
/// pipeline makes for every source of changes (staged, range, push), and how each format carries the result.
/// </summary>
public sealed class PipelineTests
{
    [Fact]
    public void Commit_AfterANoVerifyCommitWidenedTheAgentsOwnScope_IsJudgedByTheBaseBranchsManifest()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"/src/Billing/\", \"/src/Shipping/\"", StringComparison.Ordinal), billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);
        repo.Append("src/Shipping/Shipment.cs", "// widened by its own manifest\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("scopes.json(1,1): error SG0004: agent 'billing' may not change protected path 'scopes.json'", commit.Output, StringComparison.Ordinal);
        Assert.Contains($"judged by {repo.BaseManifestLabel()}", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_AfterANoVerifyCommitWidenedTheAgentsOwnScope_IsRefused()
    {
        using var repo = TempRepo.Create();
        var remote = repo.AddBareRemote();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"/src/Billing/\", \"/src/Shipping/\"", StringComparison.Ordinal), billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);
        repo.Append("src/Shipping/Shipment.cs", "// widened by its own manifest\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);

        var push = repo.TryGit(billing, null, "push", "origin", "agent/billing");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains("scopes.json(1,1): error SG0004", push.Output, StringComparison.Ordinal);
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", push.Output, StringComparison.Ordinal);
        Assert.Equal(string.Empty, repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "agent/billing"));
    }

    [Fact]
    public void Commit_OnAnOrphanBranchWhoseStagedManifestWidensItsScope_IsJudgedByTheBaseBranch()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing/orphan");
        repo.GitIn(billing, "checkout", "--quiet", "--orphan", "agent/billing/fresh");
        repo.Write("scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"**\"", StringComparison.Ordinal), billing);
        repo.Append("src/Shipping/Shipment.cs", "// allowed only by the orphan's own manifest\n", billing);
        repo.GitIn(billing, "add", "--all");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("scopes.json(1,1): error SG0004", commit.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/index.md", commit.Output, StringComparison.Ordinal);
        Assert.Contains("this work shares no history with main", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Push_AgentBranchToMain_IsRefusedAsAProtectedDestination()
    {
        using var repo = TempRepo.Create();
        var remote = repo.AddBareRemote();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("docs/index.md", "in the docs agent's scope\n", docs);
        Assert.Equal(0, repo.Commit(docs, "-a").ExitCode);
        var before = repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "main");

        var push = repo.TryGit(docs, null, "push", "origin", "agent/docs:main");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains("error SG0005: agent 'docs'", push.Output, StringComparison.Ordinal);
        Assert.Contains("'main'", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "main"));
    }

    [Fact]
    public void Push_DetachedHeadToMainByAnIdentifiedAgent_IsRefused()
    {
        using var repo = TempRepo.Create();
        var remote = repo.AddBareRemote();
        var billing = repo.AddWorktree("agent/billing");
        repo.GitIn(billing, "checkout", "--quiet", "--detach");
        var agent = new System.Collections.Generic.Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "billing" };
        repo.Append("src/Shipping/Shipment.cs", "// out of scope, detached\n", billing);
        Assert.Equal(0, repo.CommitWith(billing, agent, "-a", "--no-verify").ExitCode);
        var before = repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "main");

        var push = repo.TryGit(billing, agent, "push", "origin", "HEAD:main");

        Assert.True(push.ExitCode != 0, push.ToString());
        Assert.Contains("error SG0005: agent 'billing'", push.Output, StringComparison.Ordinal);
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, repo.GitIn(repo.Path, "ls-remote", "--heads", remote, "main"));
    }

    [Fact]
    public void Push_NewAgentBranchOffALocalMainAheadOfTheRemote_DoesNotBlameTheMaintainersCommits()
    {
        using var repo = TempRepo.Create();
        repo.AddBareRemote();
        // A maintainer (no agent) edits the manifest on local main and has not pushed it yet.
        repo.Write("scopes.json", Manifests.Standard.Replace("\"*.md\"", "\"*.md\", \"*.txt\"", StringComparison.Ordinal));
        Assert.Equal(0, repo.Commit(repo.Path, "-a").ExitCode);
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("docs/index.md", "in scope\n", docs);
        Assert.Equal(0, repo.Commit(docs, "-a").ExitCode);

        var push = repo.TryGit(docs, null, "push", "origin", "agent/docs");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.DoesNotContain("SG0004", push.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_HeadOptionNamesTheAgentBranch_IsJudgedAsThatBranchsAgentWhateverIsCheckedOut()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("src/Shipping/Shipment.cs", "// not the docs agent's\n", docs);
        Assert.Equal(0, repo.Commit(docs, "-a", "--no-verify").ExitCode);

        var result = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", "agent/docs", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("docs", json.RootElement.GetProperty("agent").GetString());
        Assert.Equal("agent/docs", json.RootElement.GetProperty("branch").GetString());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0001", finding.GetProperty("id").GetString());
    }

    [Fact]
    public void Range_AgentOptionRunOnMain_HasNoProtectedBranchFindingForTheCheckedOutBranch()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("docs/index.md", "in scope\n", docs);
        Assert.Equal(0, repo.Commit(docs, "-a").ExitCode);

        var result = repo.ReadOnlyTool(repo.Path, "check", "--base", "main", "--head", "agent/docs", "--agent", "docs");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.DoesNotContain("SG0005", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_OtherCaseOfADeniedFolderUnderCoreIgnoreCase_IsRefused()
    {
        using var repo = TempRepo.Create();
        repo.Git("config", "core.ignorecase", "true");
        repo.Git("rm", "--quiet", "-r", "src/Billing/Generated");
        Assert.Equal(0, repo.Commit(repo.Path).ExitCode);
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Billing/generated/Sneaky.cs", "namespace Contoso.Billing.Generated;\n", billing);
        repo.GitIn(billing, "add", "--all");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Billing/generated/Sneaky.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("denied by '/src/Billing/Generated/'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_NewPartialPartOfATypeWhoseOtherPartsAreAnotherAgentsInOwnFolder_IsRefusedWithSG0002()
    {
        using var repo = TempRepo.Create();
        var billing = AddPartialPart(repo, "src/Shipping/Box.cs", "src/Billing/BoxHijack.cs", "Contoso.Shipping", "Box");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("src/Billing/BoxHijack.cs(3,22): error SG0002: agent 'billing' may not add a part to partial type 'T:Contoso.Shipping.Box'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("'src/Shipping/Box.cs'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_NewPartialPartOfATypeWhoseOtherPartsAreInOwnPaths_IsAccepted()
    {
        using var repo = TempRepo.Create();
        var billing = AddPartialPart(repo, "src/Billing/Ledger.cs", "src/Billing/Ledger.More.cs", "Contoso.Billing", "Ledger");

        var commit = repo.Commit(billing);

        Assert.True(commit.ExitCode == 0, commit.ToString());
    }

    [Fact]
    public void Range_NewPartialPartOfAnotherScopesType_IsRefusedByTheGateToo()
    {
        using var repo = TempRepo.Create();
        var billing = AddPartialPart(repo, "src/Shipping/Box.cs", "src/Billing/BoxHijack.cs", "Contoso.Shipping", "Box");
        Assert.Equal(0, repo.Commit(billing, "--no-verify").ExitCode);

        var result = repo.ReadOnlyTool(billing, "check", "--base", "main");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("error SG0002: agent 'billing' may not add a part to partial type 'T:Contoso.Shipping.Box'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_ImplementingPartOfAnotherScopesPartialMethod_IsRefusedWithSG0002()
    {
        using var repo = TempRepo.Create();
        repo.Write("src/Shipping/Box.cs", "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n    partial void OnOpened();\n\n    public void Open() => OnOpened();\n}\n");
        repo.Write("src/Billing/Box.Billing.cs", "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n}\n");
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", "Box, with a part in billing's folder");
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Billing/Box.Billing.cs", "namespace Contoso.Shipping;\n\npublic partial class Box\n{\n    partial void OnOpened() { System.IO.File.Delete(\"x\"); }\n}\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("error SG0002: agent 'billing' may not add a part to partial member 'M:Contoso.Shipping.Box.OnOpened'", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentSettingAnotherAgentsNameInItsEnvironment_IsRefused()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("src/Shipping/Shipment.cs", "// the ops agent may write this, the docs agent may not\n", docs);
        var asOps = new System.Collections.Generic.Dictionary<string, string?> { ["SCOPEGUARD_AGENT"] = "ops" };

        var commit = repo.CommitWith(docs, asOps, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("SCOPEGUARD_AGENT names agent \"ops\", but branch \"agent/docs\" belongs to agent \"docs\"", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WarnModeWithUnknownAgentBlocked_HeaderModeAgreesWithTheBlockingFinding()
    {
        using var repo = TempRepo.Create(Manifests.UnknownAgentBlocked.Replace("\"mode\": \"block\"", "\"mode\": \"warn\"", StringComparison.Ordinal), install: false);
        repo.Git("checkout", "--quiet", "--detach");
        repo.Append("README.md", "more\n");
        repo.Git("add", "--all");

        var (result, report) = repo.CheckJson(repo.Path);
        var text = repo.ReadOnlyTool(repo.Path, "check", "--staged");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(1, report.GetProperty("errors").GetInt32());
        Assert.Equal("block", report.GetProperty("mode").GetString());
        Assert.Contains("; mode block;", text.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 error(s), 0 warning(s); blocked", text.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--base", "main")]
    [InlineData("--pre-push")]
    [InlineData("--staged")]
    public void Check_InvalidManifestAsJson_PrintsTheJsonErrorDocumentOnEverySource(params string[] source)
    {
        using var repo = TempRepo.Create("{ \"version\": 2, \"agents\": {} }", install: false);
        var feature = repo.AddWorktree("feature");
        repo.Append("README.md", "more\n", feature);
        repo.GitIn(feature, "commit", "--quiet", "-am", "more");
        repo.Append("README.md", "staged\n", feature);
        repo.GitIn(feature, "add", "--all");
        var input = $"refs/heads/feature {repo.Head(feature)} refs/heads/feature 0000000000000000000000000000000000000000\n";

        var result = ScopeGuardTool.Run(feature, repo.Environment, ["check", .. source, "--format", "json"], input: input);

        Assert.True(result.ExitCode == 2, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("manifest invalid", json.RootElement.GetProperty("error").GetString());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.NotEmpty(findings);
        Assert.All(findings, f => Assert.Equal(("SG0007", "scopes.json"), (f.GetProperty("id").GetString(), f.GetProperty("path").GetString())));
        Assert.Contains(findings, f => f.GetProperty("message").GetString()!.Contains("version 2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("sarif", "\"ruleId\": \"SG0007\"")]
    [InlineData("github", "::error file=scopes.json,line=1,col=")]
    [InlineData("markdown", "SG0007")]
    public void Check_InvalidManifestInOtherFormats_CarriesTheManifestError(string format, string expected)
    {
        using var repo = TempRepo.Create("{ \"version\": 2, \"agents\": {} }", install: false);
        var feature = repo.AddWorktree("feature");
        repo.Append("README.md", "more\n", feature);
        repo.GitIn(feature, "commit", "--quiet", "-am", "more");

        var result = repo.ReadOnlyTool(feature, "check", "--base", "main", "--format", format);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing/report.json", "does not exist")]
    [InlineData(".", "is a folder")]
    public void Check_OutputThatCannotBeWritten_IsAOneLineErrorBeforeAnythingRuns(string output, string expected)
    {
        using var repo = TempRepo.Create(install: false);

        var result = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json", "--output", output);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManifestOptionNamingANeverEndingDevice_IsRefusedWithoutRunningOutOfMemory()
    {
        using var repo = TempRepo.Create(install: false);

        var result = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--manifest", "/dev/zero");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("never ends", result.Stderr, StringComparison.Ordinal);
    }

    // A maintainer commits one part of a partial type on main; the billing agent stages a new part of it
    // in its own folder. Returns the agent's worktree.
    private static string AddPartialPart(TempRepo repo, string existing, string added, string @namespace, string type)
    {
        repo.Write(existing, $"namespace {@namespace};\n\npublic partial class {type}\n{{\n    public int Size => 1;\n}}\n");
        repo.Git("add", "--all");
        repo.Git("commit", "--quiet", "-m", type);
        var billing = repo.AddWorktree("agent/billing");
        repo.Write(added, $"namespace {@namespace};\n\npublic partial class {type}\n{{\n    public int Hijack() => 42;\n}}\n", billing);
        repo.GitIn(billing, "add", "--all");
        return billing;
    }
}

using System;
using System.Linq;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>The manifest a commit is judged by: the base branch's where the work left it, never the agent's own edit; broken or missing fails closed.</summary>
public sealed class ManifestTests
{
    [Fact]
    public void Commit_InvalidManifestAtHead_IsRefusedWithSg0007AtFileLineColumn()
    {
        const string Deny = "\"deny\": [\"/src/Billing/Generated/\"]";
        var broken = Manifests.Standard.Replace(Deny, Deny + ",", StringComparison.Ordinal);
        var comma = broken.IndexOf(Deny, StringComparison.Ordinal) + Deny.Length;
        var line = broken[..comma].Count(c => c == '\n') + 1;
        var column = comma - broken.LastIndexOf('\n', comma - 1);
        using var repo = TempRepo.Create();
        repo.Write("scopes.json", broken);
        var maintainer = repo.Commit(repo.Path, "-a");
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(maintainer.ExitCode == 0, $"the maintainer's commit is judged by the manifest before it:\n{maintainer}");
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains($"scopes.json({line},{column}): error SG0007: trailing comma before '}}': remove it", commit.Output, StringComparison.Ordinal);
        Assert.Contains("the manifest is invalid (1 error(s)); nothing was checked", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidManifestAtHeadAsJson_ReportsSg0007AndExitsTwo()
    {
        using var repo = TempRepo.Create();
        repo.Write("scopes.json", "{\n  \"version\": 2,\n  \"agents\": { \"a\": { \"paths\": [\"src/\"] } }\n}\n");
        repo.Commit(repo.Path, "-a");

        var result = repo.ReadOnlyTool(repo.Path, "check", "--staged", "--format", "json");

        Assert.True(result.ExitCode == 2, result.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(result.Stdout);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("SG0007", finding.GetProperty("id").GetString());
        Assert.Equal((2, 14), (finding.GetProperty("line").GetInt32(), finding.GetProperty("column").GetInt32()));
        Assert.Contains("scopes.json(2,14): error SG0007: unsupported version 2", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentWidensItsScopeInItsOwnManifestEdit_IsStillJudgedByTheBaseBranch()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"/src/Billing/\", \"/src/Shipping/\"", StringComparison.Ordinal), billing);
        repo.Append("src/Shipping/Shipment.cs", "// now 'mine'\n", billing);

        var commit = repo.Commit(billing, "-a");

        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("scopes.json(1,1): error SG0004: agent 'billing' may not change protected path 'scopes.json'", commit.Output, StringComparison.Ordinal);
        Assert.Contains("src/Shipping/Shipment.cs(1,1): error SG0001: agent 'billing'", commit.Output, StringComparison.Ordinal);
        Assert.Contains($"judged by {repo.BaseManifestLabel()}", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_AgentWhoseUncommittedManifestIsBroken_IsStillJudgedByTheBaseBranch()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("scopes.json", "{ not json", billing);
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);

        var commit = repo.Commit(billing, "--", "src/Billing/Invoice.cs");

        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Contains($"judged by {repo.BaseManifestLabel()}", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_NoManifestAnywhere_FailsClosedWithReadableMessage()
    {
        using var repo = TempRepo.Create();
        repo.Git("rm", "--quiet", "scopes.json");
        var deleted = repo.Commit(repo.Path);
        repo.Append("README.md", "more\n");

        var check = repo.ReadOnlyTool(repo.Path, "check", "--staged");
        var commit = repo.Commit(repo.Path, "-a");

        Assert.True(deleted.ExitCode == 0, deleted.ToString());
        Assert.True(check.ExitCode == 2, check.ToString());
        Assert.Contains("no scopes.json at the root of", check.Stderr, StringComparison.Ordinal);
        Assert.True(commit.ExitCode != 0, commit.ToString());
        Assert.Contains("no scopes.json at the root of", commit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ManifestOption_JudgesByThatFileInstead()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("../alt-scopes.json", Manifests.Standard.Replace("\"/src/Billing/\"", "\"/src/\"", StringComparison.Ordinal), billing);
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        repo.GitIn(billing, "add", "--all");

        var (byHead, headReport) = repo.CheckJson(billing);
        var (byFile, fileReport) = repo.CheckJson(billing, null, "--manifest", "../alt-scopes.json");

        Assert.True(byHead.ExitCode == 1, byHead.ToString());
        Assert.True(byFile.ExitCode == 0, byFile.ToString());
        Assert.Equal(repo.BaseManifestLabel(), headReport.GetProperty("manifest").GetString());
        Assert.Equal("../alt-scopes.json", fileReport.GetProperty("manifest").GetString());
    }

    [Fact]
    public void Check_OutputFile_WritesTheReportThereAndASummaryToStdout()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Shipping/Shipment.cs", "// x\n", billing);
        repo.GitIn(billing, "add", "--all");
        var report = System.IO.Path.Combine(repo.Root, "report.json");

        var result = repo.ReadOnlyTool(billing, "check", "--staged", "--format", "json", "--output", report);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"scopeguard: 1 error(s), 0 warning(s); blocked; json report written to {report}\n", result.Stdout);
        using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(report));
        Assert.Equal("SG0001", json.RootElement.GetProperty("findings")[0].GetProperty("id").GetString());
    }
}

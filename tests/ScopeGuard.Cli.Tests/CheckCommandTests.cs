using System;
using System.Collections.Generic;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>
/// <c>check</c>'s own branches, in-process, with an in-memory repository behind the git seam: which
/// manifest and agent it picks, how it pairs formats with outputs, and that it refuses what it cannot
/// write before it reads anything. End-to-end tests drive the same command against real git.
/// </summary>
public sealed class CheckCommandTests
{
    private const string Manifest = """
        {
          "version": 1,
          "agents": {
            "billing": { "branches": ["agent/billing"], "paths": ["/src/Billing/"] }
          }
        }
        """;

    private static FakeRepository AgentRepository(string? ownManifest = null)
    {
        var repo = new FakeRepository();
        var main = repo.Commit("main", null, new Dictionary<string, string> { ["scopes.json"] = Manifest, ["src/Shipping/Box.cs"] = "class Box {}\n" });
        repo.Commit("agent/billing", main, new Dictionary<string, string> { ["scopes.json"] = ownManifest ?? Manifest, ["src/Shipping/Box.cs"] = "class Box {}\n" });
        repo.Branch = "agent/billing";
        return repo;
    }

    [Fact]
    public void Check_AgentBranchWhoseCommittedManifestWidensItsScope_IsJudgedByMainsAtTheMergeBase()
    {
        using var repo = AgentRepository(Manifest.Replace("\"/src/Billing/\"", "\"**\"", StringComparison.Ordinal));
        repo.Stage("src/Shipping/Box.cs", "class Box { int hijack; }\n");

        var result = CliRunner.RunWith(repo, out _, "check", "--staged", "--format", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.StartsWith("scopes.json at the merge base with main", json.RootElement.GetProperty("manifest").GetString(), StringComparison.Ordinal);
        var ids = new List<string>();
        foreach (var finding in json.RootElement.GetProperty("findings").EnumerateArray())
        {
            ids.Add($"{finding.GetProperty("id").GetString()} {finding.GetProperty("path").GetString()}");
        }

        Assert.Equal(["SG0004 scopes.json", "SG0001 src/Shipping/Box.cs"], ids);
    }

    [Fact]
    public void Check_InScopeChange_ExitsZeroAndClosesTheRepository()
    {
        using var repo = AgentRepository();
        repo.Stage("src/Billing/Invoice.cs", "class Invoice {}\n");

        var result = CliRunner.RunWith(repo, out var opened, "check", "--staged");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(1, opened);
        Assert.True(repo.Disposed);
        Assert.Contains("agent 'billing'", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output", "a.json", "--format", "json", "--output", "b.json")]
    [InlineData("--format", "json", "--format", "sarif")]
    [InlineData("--format", "json", "--output", "no-such-folder/a.json")]
    public void Check_OutputsThatCannotBePaired_ExitTwoBeforeOpeningTheRepository(params string[] args)
    {
        using var repo = AgentRepository();

        var result = CliRunner.RunWith(repo, out var opened, ["check", "--staged", .. args]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(0, opened);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith("scopeguard: ", result.ErrorLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DuringARebase_IsTheAgentOfTheBranchBeingRebasedAndProtectsItsBranch()
    {
        using var repo = AgentRepository();
        repo.Branch = null;
        repo.RebaseBranch = "agent/billing";
        repo.Stage("src/Shipping/Box.cs", "class Box { int x; }\n");

        var result = CliRunner.RunWith(repo, out _, "check", "--staged", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal("billing", json.RootElement.GetProperty("agent").GetString());
        Assert.Equal("agent/billing", json.RootElement.GetProperty("branch").GetString());
        Assert.Contains("the branch being rebased", json.RootElement.GetProperty("identity").GetString(), StringComparison.Ordinal);
    }
}

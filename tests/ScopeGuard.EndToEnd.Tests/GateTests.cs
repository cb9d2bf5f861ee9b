using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary>The CI gate: <c>check --base</c> over a pull request's range, judged by the base's manifest.</summary>
public sealed class GateTests
{
    private static readonly Dictionary<string, string?> GitHub = new()
    {
        ["GITHUB_ACTIONS"] = "true",
        ["CI"] = "true",
    };

    private static (JsonElement Report, ProcessResult Result) Json(TempRepo repo, string directory, IReadOnlyDictionary<string, string?>? extra, params string[] args)
    {
        var result = repo.ReadOnlyToolWith(directory, extra, ["check", .. args, "--format", "json"]);
        using var document = JsonDocument.Parse(result.Stdout);
        return (document.RootElement.Clone(), result);
    }

    private static string[] Ids(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()! + " " + f.GetProperty("path").GetString()).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Range_HeadWidensItsOwnScope_StillFailsWithSG0004AndTheOutOfScopeChange()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        var widened = Manifests.Standard.Replace("\"paths\": [\"/src/Billing/\"]", "\"paths\": [\"/src/Billing/\", \"/src/Shipping/\"]", StringComparison.Ordinal);
        Assert.NotEqual(Manifests.Standard, widened);
        repo.Write("scopes.json", widened, billing);
        repo.Append("src/Shipping/Shipment.cs", "// now 'allowed'\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);

        var (report, result) = Json(repo, billing, null, "--base", "main");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["SG0001 src/Shipping/Shipment.cs", "SG0004 scopes.json"], Ids(report));
        Assert.StartsWith("scopes.json at base main", report.GetProperty("manifest").GetString(), StringComparison.Ordinal);
        Assert.Equal("billing", report.GetProperty("agent").GetString());
    }

    [Fact]
    public void Range_ManifestFromHead_IsFlaggedInTheReport()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("scopes.json", Manifests.Standard.Replace("\"paths\": [\"/src/Billing/\"]", "\"paths\": [\"/src/Billing/\", \"/src/Shipping/\"]", StringComparison.Ordinal), billing);
        repo.Append("src/Shipping/Shipment.cs", "// now allowed by the head's manifest\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);

        var (report, _) = Json(repo, billing, null, "--base", "main", "--manifest-from", "head");

        Assert.Equal(["SG0004 scopes.json"], Ids(report));
        Assert.Contains("--manifest-from head", report.GetProperty("notes")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Range_UnknownBranchWhileUnknownAgentBlocks_SG0006()
    {
        using var repo = TempRepo.Create(Manifests.UnknownAgentBlocked);
        var feature = repo.AddWorktree("feature/x");
        repo.Append("docs/index.md", "a person's edit\n", feature);
        Assert.Equal(0, repo.Commit(feature, "-a", "--no-verify").ExitCode);

        var (report, result) = Json(repo, feature, null, "--base", "main");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["SG0006 scopes.json"], Ids(report));
    }

    [Fact]
    public void Range_CleanPullRequest_ExitsZeroWithAnEmptyValidSarifResultList()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        var sarif = Path.Combine(repo.Root, "clean.sarif");

        var result = repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "sarif", "--output", sarif);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        Assert.Equal("2.1.0", log.RootElement.GetProperty("version").GetString());
        Assert.Empty(log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray());
        Assert.Empty(SarifValidator.Problems(sarif, repo.Root));
    }

    [Fact]
    public void Range_FindingsAsSarif_PassTheValidatorWithStableFingerprints()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Write("src/Shipping/A file with spaces #1.cs", "// out of scope\n", billing);
        repo.Append("scopes.json", " ", billing);
        repo.Append("src/Billing/Generated/InvoiceDto.cs", "// denied\n", billing);
        repo.Git("-C", billing, "add", "--all");
        Assert.Equal(0, repo.Commit(billing, "--no-verify").ExitCode);
        var first = Path.Combine(repo.Root, "first.sarif");
        var second = Path.Combine(repo.Root, "second.sarif");

        var run = repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "sarif", "--output", first);
        repo.ReadOnlyTool(billing, "check", "--base", "main", "--format", "sarif", "--output", second);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(SarifValidator.Problems(first, repo.Root));
        using var log = JsonDocument.Parse(File.ReadAllText(first));
        var runElement = log.RootElement.GetProperty("runs")[0];
        var driver = runElement.GetProperty("tool").GetProperty("driver");
        Assert.Equal("ScopeGuard", driver.GetProperty("name").GetString());
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("version").GetString()));
        Assert.False(string.IsNullOrEmpty(driver.GetProperty("informationUri").GetString()));
        Assert.All(driver.GetProperty("rules").EnumerateArray(), rule =>
        {
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("fullDescription").GetProperty("text").GetString()));
            Assert.False(string.IsNullOrEmpty(rule.GetProperty("help").GetProperty("text").GetString()));
        });
        var results = runElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        var uris = results.Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["scopes.json", "src/Billing/Generated/InvoiceDto.cs", "src/Shipping/A%20file%20with%20spaces%20%231.cs"], uris);
        Assert.All(results, r => Assert.Equal("error", r.GetProperty("level").GetString()));
        Assert.Equal(Fingerprints(first), Fingerprints(second));
    }

    [Fact]
    public void Range_GitHubFormatInActions_AnnotatesAtMostTenErrorsAndWritesTheStepSummary()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        for (var i = 0; i < 12; i++)
        {
            repo.Write($"src/Shipping/Extra{i:00}.cs", "// out of scope\n", billing);
        }

        repo.Git("-C", billing, "add", "--all");
        Assert.Equal(0, repo.Commit(billing, "--no-verify").ExitCode);
        repo.Git("-C", billing, "checkout", "--quiet", "--detach");
        var summary = Path.Combine(repo.Root, "step-summary.md");
        var environment = new Dictionary<string, string?>(GitHub) { ["GITHUB_HEAD_REF"] = "agent/billing", ["GITHUB_STEP_SUMMARY"] = summary };

        var result = repo.ReadOnlyToolWith(billing, environment, "check", "--base", "main", "--format", "github");

        Assert.Equal(1, result.ExitCode);
        var annotations = result.Stdout.Split('\n').Where(l => l.StartsWith("::error ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, annotations.Count);
        Assert.StartsWith("::error file=src/Shipping/Extra00.cs,line=1,col=1,title=SG0001::agent 'billing' may not change", annotations[0], StringComparison.Ordinal);
        Assert.Contains("::notice title=ScopeGuard::2 more finding(s) are not annotated", result.Stdout, StringComparison.Ordinal);
        var table = File.ReadAllText(summary);
        Assert.Contains("## ❌ ScopeGuard: blocked", table, StringComparison.Ordinal);
        Assert.Contains("from GITHUB_HEAD_REF", table, StringComparison.Ordinal);
        // No SCOPEGUARD_HELP_URL: a summary read on github.com links to no file of the runner.
        Assert.Equal(12, table.Split('\n').Count(l => l.StartsWith("| error | SG0001 |", StringComparison.Ordinal)));
    }

    [Fact]
    public void Range_SeveralFormats_EachGoesWhereItWasSent()
    {
        using var repo = TempRepo.Create();
        var docs = repo.AddWorktree("agent/docs");
        repo.Append("src/Shipping/Shipment.cs", "// not docs'\n", docs);
        Assert.Equal(0, repo.Commit(docs, "-a", "--no-verify").ExitCode);
        var sarif = Path.Combine(repo.Root, "a.sarif");
        var markdown = Path.Combine(repo.Root, "a.md");

        var result = repo.ReadOnlyTool(docs, "check", "--base", "main", "--format", "sarif", "--output", sarif, "--format", "github", "--format", "markdown", "--output", markdown);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("::error file=src/Shipping/Shipment.cs", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("2.1.0", JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("version").GetString());
        Assert.Contains("| error | SG0001 |", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public void Range_PerCommit_NamesTheCommitThatIntroducedEachFinding()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        repo.Append("src/Billing/Invoice.cs", "// in scope\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        repo.Append("docs/index.md", "not billing's\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a", "--no-verify").ExitCode);
        var culprit = repo.Head(billing);
        repo.Append("src/Billing/Invoice.cs", "// in scope again\n", billing);
        Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);

        var (report, _) = Json(repo, billing, null, "--base", "main", "--per-commit");

        var finding = Assert.Single(report.GetProperty("findings").EnumerateArray());
        Assert.Equal("docs/index.md", finding.GetProperty("path").GetString());
        Assert.Equal(culprit, finding.GetProperty("commit").GetString());
        Assert.Equal(3, report.GetProperty("range").GetProperty("commits").GetInt32());
    }

    [Fact]
    public void Range_ShallowCloneWithoutTheMergeBase_ExitsTwoAndSaysHowToFetch()
    {
        using var repo = TempRepo.Create();
        var billing = repo.AddWorktree("agent/billing");
        for (var i = 0; i < 3; i++)
        {
            repo.Append("src/Billing/Invoice.cs", $"// {i}\n", billing);
            Assert.Equal(0, repo.Commit(billing, "-a").ExitCode);
        }

        repo.Append("README.md", "main moves on\n");
        repo.Git("commit", "--quiet", "-am", "main moves on");
        var clone = Path.Combine(repo.Root, "shallow");
        repo.Git("clone", "--quiet", "--depth", "1", "--no-single-branch", "file://" + repo.Path, clone);
        repo.GitIn(clone, "checkout", "--quiet", "agent/billing");

        var result = repo.ReadOnlyTool(clone, "check", "--base", "origin/main");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("shallow clone", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("fetch-depth: 0", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Range_MissingBaseRef_ExitsTwoAndSaysWhat()
    {
        using var repo = TempRepo.Create();

        var result = repo.ReadOnlyTool(repo.Path, "check", "--base", "origin/main");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--base 'origin/main' names no commit in this repository", result.Stderr, StringComparison.Ordinal);
    }

    private static string[] Fingerprints(string sarif)
    {
        using var log = JsonDocument.Parse(File.ReadAllText(sarif));
        return log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("partialFingerprints").GetProperty("scopeguardFinding/v1").GetString()!)
            .ToArray();
    }
}

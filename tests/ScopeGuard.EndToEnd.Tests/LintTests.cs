using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.EndToEnd.Tests.Support;

namespace ScopeGuard.EndToEnd.Tests;

/// <summary><c>scopeguard lint</c> run as CI runs it, in a repository with the hooks installed (issue 13).</summary>
public sealed class LintTests
{
    [Fact]
    public void Lint_StandardManifestAsSarif_PassesTheValidatorAndExitsOne()
    {
        using var repo = TempRepo.Create();
        var sarif = Path.Combine(repo.Root, "lint.sarif");
        var statusBefore = repo.Git("status", "--porcelain=v2");

        var result = repo.ReadOnlyTool(repo.Path, "lint", "--format", "sarif");
        File.WriteAllText(sarif, result.Stdout);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(SarifValidator.Problems(sarif, repo.Root));
        using var log = JsonDocument.Parse(result.Stdout);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().ToList();

        // ops ("**") overlaps billing, docs and tests on files at HEAD; billing's branches collide (SG0103).
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SG0100" && r.GetProperty("message").GetProperty("text").GetString()!.Contains("agents \"billing\" and \"ops\" may both write 1 file at HEAD: src/Billing/ (1)", StringComparison.Ordinal));
        Assert.Contains(results, r => r.GetProperty("ruleId").GetString() == "SG0103");
        Assert.Equal(statusBefore, repo.Git("status", "--porcelain=v2"));
    }

    [Fact]
    public void Lint_OverlapDeclaredShared_ExitsZeroSoCiPasses()
    {
        var manifest = Manifests.Standard
            .Replace("\"branches\": [\"agent/billing\", \"agent/billing/*\"]", "\"branches\": [\"agent/billing\", \"agent/billing-*\"]", StringComparison.Ordinal)
            .Replace("\"paths\": [\"**\"] }", "\"paths\": [\"**\"], \"sharedWith\": [\"billing\", \"docs\", \"tests\"] }", StringComparison.Ordinal)
            .Replace("\"paths\": [\"/tests/\"], \"mode\": \"warn\" }", "\"paths\": [\"/tests/\"], \"mode\": \"warn\", \"sharedWith\": [\"docs\"] }", StringComparison.Ordinal)
            .Replace("\"paths\": [\"/docs/\", \"*.md\"] }", "\"paths\": [\"/docs/\", \"*.md\"], \"sharedWith\": [\"billing\"] }", StringComparison.Ordinal);
        using var repo = TempRepo.Create(manifest);

        var result = repo.ReadOnlyTool(repo.Path, "lint");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(string.Empty, result.Stderr);
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

/// <summary>
/// <c>scopeguard lint</c> on real repositories (issue 13): agents that may write the same files, paths
/// or declarations (SG0100), intended sharing, the other scope findings, exit codes, and a repository
/// left as it was.
/// </summary>
public sealed class ScopeLintTests
{
    [Fact]
    public void Lint_TwoAgentsGrantedOneFolder_NamesTheFilesByFolderWithCountsAndExitsOne()
    {
        using var repo = Repository(
            """
            "msbuild": { "paths": ["/src/"] },
            "tests": { "paths": ["**/*.UnitTests/"] }
            """,
            "src/Tasks/Copy.cs",
            "src/Tasks.UnitTests/Copy_Tests.cs",
            "src/Tasks.UnitTests/Exec_Tests.cs",
            "src/Tasks.UnitTests/Resources/a.txt",
            "src/Build.UnitTests/Project_Tests.cs");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var line = Assert.Single(result.ErrorLines, l => l.Contains("SG0100", StringComparison.Ordinal));
        Assert.Equal(
            "scopes.json(4,28): warning SG0100: agents \"msbuild\" and \"tests\" may both write 4 files at HEAD: src/Tasks.UnitTests/ (2), src/Build.UnitTests/ (1), src/Tasks.UnitTests/Resources/ (1); "
            + "e.g. src/Build.UnitTests/Project_Tests.cs (granted by '/src/' (agents.msbuild.paths, scopes.json:4:28) and '**/*.UnitTests/' (agents.tests.paths, scopes.json:5:26))",
            line);
        Assert.Equal("scopes.json in the working tree: valid (1 warning(s)); 2 agent(s): msbuild, tests", result.OutputLines[^1]);
    }

    [Fact]
    public void Lint_PatternsWithNoFileYet_OverlapFoundWithAPathBothMatch()
    {
        // {agent} expanded, a character class, and "**": no file at HEAD is under either.
        using var repo = Repository(
            """
            "billing": { "paths": ["/src/{agent}/", "/README.md"] },
            "docs": { "paths": ["**/[Bb]illing/*.md", "/README.md"], "sharedWith": [] },
            "tools": { "paths": ["/lib/[0-9]*", "/README.md"], "sharedWith": ["billing", "docs"] },
            "gen": { "paths": ["/lib/[a-z]*", "/README.md"], "sharedWith": ["billing", "docs", "tools"] }
            """,
            "README.md");

        var result = CliRunner.Run(repo.Path, "lint", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var messages = json.RootElement.GetProperty("findings").EnumerateArray()
            .Where(f => f.GetProperty("id").GetString() == "SG0100")
            .Select(f => f.GetProperty("message").GetString()!)
            .ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(
            "agents \"billing\" and \"docs\" may both write paths no file at HEAD has yet, that both their patterns match, less deny and protected paths: '/src/billing/' (agents.billing.paths 4:28) with '**/[Bb]illing/*.md' (agents.docs.paths 5:25), e.g. src/billing/a.md; "
            + "'/README.md' (agents.billing.paths 4:45) with '**/[Bb]illing/*.md' (agents.docs.paths 5:25), e.g. README.md/billing/a.md",
            messages);

        // README.md is written by all four: the one file overlap left is billing and docs.
        Assert.Contains(messages, m => m.StartsWith("agents \"billing\" and \"docs\" may both write 1 file at HEAD: (root) (1); e.g. README.md", StringComparison.Ordinal));

        // "/lib/[0-9]*" and "/lib/[a-z]*" share no path, and tools and gen share on purpose anyway.
        Assert.DoesNotContain(messages, m => m.Contains("/lib/", StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_DisjointCharacterClasses_AreNotAnOverlap()
    {
        using var repo = Repository(
            """
            "digits": { "paths": ["/lib/[0-9]*"] },
            "letters": { "paths": ["/lib/[a-z]*"] }
            """,
            "lib/1.txt",
            "lib/a.txt");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("scopes.json in the working tree: valid; 2 agent(s): digits, letters", result.OutputLines[^1]);
    }

    [Theory]
    [InlineData("\"sharedWith\": [\"feature\"]", "")]
    [InlineData("", "\"sharedWith\": [\"tests\"]")]
    public void Lint_SharedWithOnEitherSide_SilencesThePair(string onTests, string onFeature)
    {
        using var repo = Repository(
            $$"""
            "tests": { "paths": ["/tests/"] {{(onTests.Length > 0 ? ", " + onTests : string.Empty)}} },
            "feature": { "paths": ["/src/Feature/", "/tests/Feature/"] {{(onFeature.Length > 0 ? ", " + onFeature : string.Empty)}} }
            """,
            "src/Feature/A.cs",
            "tests/Feature/ATests.cs",
            "tests/Other/BTests.cs");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.DoesNotContain("SG0100", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("allow", ExitCodes.Success, null)]
    [InlineData("warn", ExitCodes.Findings, "warning SG0100")]
    [InlineData("error", ExitCodes.Findings, "error SG0100")]
    public void Lint_OverlapsSetting_DecidesHowOverlapsAreReported(string overlaps, int exitCode, string? expected)
    {
        using var repo = RepositoryWith(
            $"\"overlaps\": \"{overlaps}\"",
            """
            "a": { "paths": ["/shared/"] },
            "b": { "paths": ["/shared/"] }
            """,
            "shared/x.txt");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == exitCode, result.ToString());
        if (expected is null)
        {
            Assert.DoesNotContain("SG0100", result.Error, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(expected + ": agents \"a\" and \"b\" may both write 1 file at HEAD: shared/ (1)", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\"sharedWith\": [\"nobody\"]", "(4,45): error SG0007: unknown agent \"nobody\" in agents.a.sharedWith: the agents are a, b")]
    [InlineData("\"sharedWith\": [\"a\"]", "(4,45): error SG0007: agent \"a\" lists itself in agents.a.sharedWith")]
    [InlineData("\"sharedWith\": \"b\"", "(4,44): error SG0007: agents.a.sharedWith")]
    public void Lint_BadSharedWith_IsAnInvalidManifestWithItsPosition(string sharedWith, string expected)
    {
        using var repo = Repository(
            $$"""
            "a": { "paths": ["/a/"], {{sharedWith}} },
            "b": { "paths": ["/b/"] }
            """,
            "a/x.txt");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains(result.ErrorLines, l => l.StartsWith("scopes.json" + expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Lint_BadOverlapsValue_IsAnInvalidManifestWithItsPosition()
    {
        using var repo = RepositoryWith("\"overlaps\": \"ignore\"", "\"a\": { \"paths\": [\"/a/\"] }", "a/x.txt");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("scopes.json(2,43): error SG0007: settings.overlaps must be \"error\", \"warn\" or \"allow\", not \"ignore\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ScopeMistakes_ReportsEachWhereItIsWritten()
    {
        using var repo = Repository(
            """
            "billing": { "paths": ["/src/Billing/", "/tests/Biling/"], "deny": ["/src/Biling/Generated/"] },
            "ci": { "branches": ["main", "agent/ci"], "paths": ["/.github/"] },
            "locked": { "paths": ["/src/Locked/"], "deny": ["/src/"] }
            """,
            "src/Billing/Invoice.cs",
            "src/Locked/L.cs",
            "tests/Billing/InvoiceTests.cs",
            ".github/workflows/ci.yml");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var lines = result.ErrorLines.Where(l => l.Contains(": warning SG", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "scopes.json(4,45): warning SG0101: path pattern '/tests/Biling/' in agents.billing.paths matches no file at HEAD: a typo, or a folder that moved? (nearest under tests/: tests/Billing/)",
                "scopes.json(4,73): warning SG0105: deny pattern '/src/Biling/Generated/' in agents.billing.deny matches no path that agent \"billing\"'s paths grant (outside protected paths): it never takes effect",
                "scopes.json(5,5): warning SG0106: agent \"ci\" may write no path: every path its paths grant (/.github/) is denied or protected",
                "scopes.json(5,26): warning SG0104: branch pattern 'main' of agent \"ci\" names a protected branch (default settings.protectedBranches (the base branch): 'main'): the agent is identified there and may never commit there (SG0005)",
                "scopes.json(5,57): warning SG0104: path pattern '/.github/' in agents.ci.paths grants agent \"ci\" only protected paths (settings.protectedPaths): it can never write them (SG0004)",
                "scopes.json(6,5): warning SG0106: agent \"locked\" may write no path: every path its paths grant (/src/Locked/) is denied or protected",
            ],
            lines);
    }

    [Fact]
    public void Lint_BodyRuleOnATypeAnotherAgentMayEdit_IsASymbolOverlap()
    {
        using var repo = Repository(
            """
            "shared": { "paths": ["/src/Shared/"], "symbols": { "edit": ["N:Contoso.Shared"] } },
            "refactor": { "paths": [], "symbols": { "body": ["T:Contoso.Shared.Clock"], "readonly": ["M:Contoso.Shared.Clock.Reset"] } },
            "reader": { "paths": [], "symbols": { "readonly": ["N:Contoso"] } }
            """,
            "src/Shared/Clock.cs");
        repo.Write("src/Shared/Clock.cs", "namespace Contoso.Shared { public class Clock { public long Now() => 0; public void Reset() { } } }");
        repo.Git("commit", "--quiet", "-am", "clock");

        var result = CliRunner.Run(repo.Path, "lint");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        var line = Assert.Single(result.ErrorLines, l => l.Contains("SG0100", StringComparison.Ordinal));
        Assert.Equal(
            "scopes.json(4,66): warning SG0100: agents \"shared\" and \"refactor\" may both write 2 declarations at HEAD: "
            + "T:Contoso.Shared.Clock (shared: edit N:Contoso.Shared, refactor: body T:Contoso.Shared.Clock); M:Contoso.Shared.Clock.Now (shared: edit N:Contoso.Shared, refactor: body T:Contoso.Shared.Clock)",
            line);
    }

    [Fact]
    public void Lint_CleanScopes_ExitsZeroAndChangesNothingInTheRepository()
    {
        using var repo = Repository(
            """
            "billing": { "paths": ["/src/Billing/"], "deny": ["/src/Billing/Generated/"] },
            "shipping": { "paths": ["/src/Shipping/"] }
            """,
            "src/Billing/Invoice.cs",
            "src/Billing/Generated/Dto.cs",
            "src/Shipping/Parcel.cs");
        repo.Write("src/Shipping/Parcel.cs", "// unstaged edit\n");
        repo.Write("notes.txt", "untracked\n");
        var before = Snapshot(repo);

        var text = CliRunner.Run(repo.Path, "lint");
        var json = CliRunner.Run(repo.Path, "lint", "--format", "json");
        var sarif = CliRunner.Run(repo.Path, "lint", "--format", "sarif");

        Assert.True(text.ExitCode == ExitCodes.Success, text.ToString());
        Assert.Equal(string.Empty, text.Error);
        Assert.True(json.ExitCode == ExitCodes.Success, json.ToString());
        Assert.True(sarif.ExitCode == ExitCodes.Success, sarif.ToString());
        Assert.Equal(before, Snapshot(repo));
    }

    [Fact]
    public void Lint_AsSarif_GivesEachFindingItsRuleAndPlaceInTheManifest()
    {
        using var repo = Repository(
            """
            "a": { "paths": ["/shared/"] },
            "b": { "paths": ["/shared/", "/nothing/"] }
            """,
            "shared/x.txt");

        var result = CliRunner.Run(repo.Path, "lint", "--format", "sarif");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var log = JsonDocument.Parse(result.Output);
        var run = log.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("SG0100", rules);
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["SG0100", "SG0101"], results.Select(r => r.GetProperty("ruleId").GetString()!).ToArray());
        var location = results[0].GetProperty("locations")[0].GetProperty("physicalLocation");
        Assert.Equal("scopes.json", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal(4, location.GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Equal("warning", results[0].GetProperty("level").GetString());
    }

    private static string Snapshot(TempRepo repo) =>
        string.Join(
            "\n",
            repo.Git("status", "--porcelain=v2", "--untracked-files=all"),
            repo.Git("ls-files", "--stage"),
            repo.Git("for-each-ref"),
            repo.Git("count-objects", "-v"),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(repo.Path, ".git", "index")))),
            File.ReadAllText(Path.Combine(repo.Path, ".git", "config")));

    // A repository whose first commit holds scopes.json (the agents given, in "agents" at line 4) and the files.
    private static TempRepo Repository(string agents, string file, params string[] files) => Repository(agents, [file, .. files], settings: null);

    private static TempRepo RepositoryWith(string settings, string agents, string file) => Repository(agents, [file], settings);

    private static TempRepo Repository(string agents, string[] files, string? settings)
    {
        var manifest = "{\n"
            + $"  \"version\": 1, \"settings\": {{ {settings} }},\n"
            + "  \"agents\": {\n"
            + string.Join("\n", agents.ReplaceLineEndings("\n").Split('\n').Select(l => "    " + l))
            + "\n  }\n}\n";
        var repo = TempRepo.Init(manifest);
        foreach (var file in files)
        {
            repo.Write(file, "x\n");
        }

        repo.Git("add", "-A");
        repo.Git("commit", "--quiet", "-m", "init");
        return repo;
    }
}

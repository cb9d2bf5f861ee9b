using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Agents;
using ScopeGuard.Cli.Tests.Support;
using ScopeGuard.Core.Manifest;

namespace ScopeGuard.Cli.Tests;

public sealed class ExplainTests : IDisposable
{
    // Every kind of rule a card must show: defaults with {agent}, deny from defaults, all four symbol
    // levels, custom protected paths and branches, an agent in warn mode and one with no paths.
    private const string Manifest = """
        {
          "version": 1,
          "settings": {
            "baseBranch": "trunk",
            "protectedPaths": ["/scopes.json", "/eng/", "*.props"],
            "protectedBranches": ["trunk", "release/*"],
            "defaults": {
              "paths": ["/docs/agents/{agent}.md"],
              "deny": ["/src/{agent}/Generated/"]
            }
          },
          "agents": {
            "billing": {
              "description": "Billing feature work.",
              "branches": ["agent/billing", "agent/billing-*"],
              "paths": ["/src/{agent}/", "/tests/Billing/", "*.billing.json"],
              "deny": ["/src/billing/Secrets.cs"],
              "symbols": {
                "edit": ["N:Contoso.Billing"],
                "body": ["T:Contoso.Shared.SystemClock"],
                "extend": ["T:Contoso.Shared.ServiceCollectionExtensions"],
                "readonly": ["M:Contoso.Billing.Invoice.Total(*)"]
              }
            },
            "tests": {
              "branches": ["agent/tests"],
              "paths": ["/tests/**/*.cs"],
              "mode": "warn"
            },
            "refactor": {
              "branches": ["agent/refactor"],
              "symbols": { "body": ["N:Contoso"] }
            }
          }
        }
        """;

    private readonly TempDirectory directory = new();

    public ExplainTests() => File.WriteAllText(Path.Combine(directory.Path, "scopes.json"), Manifest.ReplaceLineEndings("\n"));

    public void Dispose() => directory.Dispose();

    public static TheoryData<string> Agents => ["billing", "tests", "refactor"];

    [Theory]
    [MemberData(nameof(Agents))]
    public void Explain_Markdown_NamesEveryRuleOfTheManifest(string agent)
    {
        var result = CliRunner.Run(directory.Path, "explain", "--agent", agent, "--manifest", "scopes.json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var card = result.Output;
        Assert.StartsWith($"# Scope of agent `{agent}`", card, StringComparison.Ordinal);
        foreach (var item in ExpectedItems(agent))
        {
            Assert.Contains($"`{item}`", card, StringComparison.Ordinal);
        }

        Assert.Contains("`scopeguard check --staged`", card, StringComparison.Ordinal);
        Assert.Contains("pre-commit", card, StringComparison.Ordinal);
        Assert.Contains(ScopeCard.Maintainer, card, StringComparison.Ordinal);
        Assert.DoesNotContain("{agent}", card, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void Explain_Json_ListsExactlyTheManifestsRules(string agent)
    {
        var result = CliRunner.Run(directory.Path, "explain", "--agent", agent, "--manifest", "scopes.json", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        using var manifest = JsonDocument.Parse(Manifest);
        var settings = manifest.RootElement.GetProperty("settings");
        var own = manifest.RootElement.GetProperty("agents").GetProperty(agent);
        Assert.Equal(agent, root.GetProperty("agent").GetString());
        Assert.Equal(
            Strings(own, "paths").Concat(Strings(settings.GetProperty("defaults"), "paths")).Select(p => p.Replace("{agent}", agent, StringComparison.Ordinal)),
            Patterns(root, "paths"));
        Assert.Equal(
            Strings(own, "deny").Concat(Strings(settings.GetProperty("defaults"), "deny")).Select(p => p.Replace("{agent}", agent, StringComparison.Ordinal)),
            Patterns(root, "deny"));
        Assert.Equal(Strings(own, "branches"), root.GetProperty("branches").EnumerateArray().Select(e => e.GetString()!));
        var symbols = own.TryGetProperty("symbols", out var s)
            ? s.EnumerateObject().SelectMany(level => level.Value.EnumerateArray().Select(p => (level.Name, p.GetString()!))).ToList()
            : [];
        Assert.Equal(
            symbols.OrderBy(x => x.Item2, StringComparer.Ordinal),
            root.GetProperty("symbols").EnumerateArray().Select(e => (e.GetProperty("access").GetString()!, e.GetProperty("pattern").GetString()!)).OrderBy(x => x.Item2, StringComparer.Ordinal));
        Assert.Equal(Strings(settings, "protectedPaths"), Patterns(root, "protectedPaths"));
        Assert.Equal(Strings(settings, "protectedBranches"), root.GetProperty("protectedBranches").EnumerateArray().Select(e => e.GetString()!));
        Assert.Equal(own.TryGetProperty("mode", out var mode) ? mode.GetString() : "block", root.GetProperty("mode").GetString());
        Assert.Equal("scopeguard check --staged", root.GetProperty("check").GetString());
    }

    [Fact]
    public void Explain_Json_KeepsItsShape()
    {
        var result = CliRunner.Run(directory.Path, "explain", "--agent", "billing", "--manifest", "scopes.json", "--format", "json");

        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(
            ["version", "agent", "description", "manifest", "mode", "branch", "worktree", "branches", "paths", "deny", "symbols", "protectedPaths", "protectedBranches", "check", "hooks", "askForWiderScope"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.Equal(["pattern", "from", "meaning"], root.GetProperty("paths")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["pattern", "access", "from", "meaning"], root.GetProperty("symbols")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("settings.defaults.paths", root.GetProperty("paths")[3].GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("branch").ValueKind);

        // The same input gives the same bytes.
        Assert.Equal(result.Output, CliRunner.Run(directory.Path, "explain", "--agent", "billing", "--manifest", "scopes.json", "--format", "json").Output);
    }

    [Theory]
    [InlineData("edit", "N:Contoso.Billing", "you may change anything")]
    [InlineData("body", "T:Contoso.Shared.SystemClock", "implementations only")]
    [InlineData("extend", "T:Contoso.Shared.ServiceCollectionExtensions", "add new members")]
    [InlineData("readonly", "M:Contoso.Billing.Invoice.Total(*)", "do not change anything")]
    public void Explain_SymbolRule_ExplainsItsLevelInWords(string level, string pattern, string words)
    {
        var result = CliRunner.Run(directory.Path, "explain", "--agent", "billing", "--manifest", "scopes.json");

        var line = Assert.Single(result.OutputLines, l => l.Contains($"`{pattern}`", StringComparison.Ordinal));
        Assert.StartsWith($"- **{level}** `{pattern}`", line, StringComparison.Ordinal);
        Assert.Contains(words, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_WarnModeAndNoPaths_SaySo()
    {
        var tests = CliRunner.Run(directory.Path, "explain", "--agent", "tests", "--manifest", "scopes.json").Output;
        File.WriteAllText(Path.Combine(directory.Path, "bodies.json"), """{ "version": 1, "agents": { "refactor": { "symbols": { "body": ["N:Contoso"] } } } }""");
        var refactor = CliRunner.Run(directory.Path, "explain", "--agent", "refactor", "--manifest", "bodies.json").Output;

        Assert.Contains("reported as a warning", tests, StringComparison.Ordinal);
        Assert.DoesNotContain("## C# code", tests, StringComparison.Ordinal);
        Assert.Contains("No file by its path", refactor, StringComparison.Ordinal);
        Assert.Contains("you are identified by the `scopeguard.agent` setting", refactor, StringComparison.Ordinal);
        Assert.Contains("commit does not happen", refactor, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_All_PrintsEveryAgentsCardInOrder()
    {
        var markdown = CliRunner.Run(directory.Path, "explain", "--all", "--manifest", "scopes.json");
        var json = CliRunner.Run(directory.Path, "explain", "--all", "--manifest", "scopes.json", "--format", "json");

        Assert.True(markdown.ExitCode == ExitCodes.Success, markdown.ToString());
        Assert.Equal(
            ["# Scope of agent `billing`", "# Scope of agent `tests`", "# Scope of agent `refactor`"],
            markdown.OutputLines.Where(l => l.StartsWith("# ", StringComparison.Ordinal)));
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(["billing", "tests", "refactor"], document.RootElement.GetProperty("agents").EnumerateArray().Select(a => a.GetProperty("agent").GetString()!));
        Assert.Equal(
            CliRunner.Run(directory.Path, "explain", "--agent", "tests", "--manifest", "scopes.json").Output,
            string.Join("\n", ScopeCard.Create(Load(), "tests").ToMarkdown()));
    }

    [Fact]
    public void Explain_UnknownAgent_ExitsTwoNamingTheDeclaredAgents()
    {
        var result = CliRunner.Run(directory.Path, "explain", "--agent", "shipping", "--manifest", "scopes.json");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("\"shipping\"", result.Error, StringComparison.Ordinal);
        Assert.Contains("declared agents: billing, tests, refactor", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InvalidManifest_ExitsTwoWithLineAndColumn()
    {
        File.WriteAllText(Path.Combine(directory.Path, "bad.json"), "{\n  \"version\": 1,\n  \"agents\": { \"a\": { \"paths\": [\"!x\"] } }\n}\n");

        var result = CliRunner.Run(directory.Path, "explain", "--agent", "a", "--manifest", "bad.json");

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Equal(string.Empty, result.Output);
        Assert.StartsWith("bad.json(3,", result.Error, StringComparison.Ordinal);
        Assert.Contains("error SG0007", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--agent", "billing", "--all")]
    public void Explain_NeitherOrBothOfAgentAndAll_IsAUsageError(params string[] options)
    {
        var result = CliRunner.Run(directory.Path, ["explain", "--manifest", "scopes.json", .. options]);

        Assert.Equal(ExitCodes.Error, result.ExitCode);
        Assert.Contains("--agent", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_InTheAgentsWorktree_NamesItsBranchAndWorktree()
    {
        using var repo = TempRepo.Init(Manifest.ReplaceLineEndings("\n"));
        repo.CommitAll("manifest");
        repo.Git("switch", "-c", "agent/billing");

        var here = CliRunner.Run(repo.Path, "explain", "--agent", "billing", "--format", "json");
        var other = CliRunner.Run(repo.Path, "explain", "--agent", "tests", "--format", "json");

        Assert.True(here.ExitCode == ExitCodes.Success, here.ToString());
        using var mine = JsonDocument.Parse(here.Output);
        Assert.Equal("agent/billing", mine.RootElement.GetProperty("branch").GetString());
        Assert.Equal(Path.GetFullPath(repo.Path), Path.GetFullPath(mine.RootElement.GetProperty("worktree").GetString()!));
        Assert.Equal("scopes.json", mine.RootElement.GetProperty("manifest").GetString());
        using var theirs = JsonDocument.Parse(other.Output);
        Assert.Equal(JsonValueKind.Null, theirs.RootElement.GetProperty("branch").ValueKind);
        Assert.Contains("- Branch: `agent/billing`", CliRunner.Run(repo.Path, "explain", "--agent", "billing").Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/src/Billing/", "the folder src/Billing and everything in it")]
    [InlineData("bin/", "every folder named bin, in any folder, and everything in it")]
    [InlineData("/README.md", "the file or folder README.md")]
    [InlineData("*.md", "every file or folder whose name matches *.md, in any folder (* and ? match within one name, ** across folders)")]
    [InlineData("/tests/**/*.cs", "every file or folder whose path matches tests/**/*.cs, from the repository root (* and ? match within one name, ** across folders)")]
    public void DescribePath_SaysWhatThePatternMatches(string pattern, string words) =>
        Assert.Equal(words, ScopeCard.DescribePath(ScopeGuard.Core.Patterns.PathPattern.Parse(pattern)));

    private static List<string> ExpectedItems(string agent)
    {
        using var manifest = JsonDocument.Parse(Manifest);
        var settings = manifest.RootElement.GetProperty("settings");
        var own = manifest.RootElement.GetProperty("agents").GetProperty(agent);
        var items = new List<string>();
        items.AddRange(Strings(own, "paths").Concat(Strings(own, "deny")).Concat(Strings(own, "branches")));
        items.AddRange(Strings(settings.GetProperty("defaults"), "paths").Concat(Strings(settings.GetProperty("defaults"), "deny")));
        if (own.TryGetProperty("symbols", out var symbols))
        {
            items.AddRange(symbols.EnumerateObject().SelectMany(l => l.Value.EnumerateArray().Select(p => p.GetString()!)));
        }

        items.AddRange(Strings(settings, "protectedPaths").Concat(Strings(settings, "protectedBranches")));
        return items.Select(i => i.Replace("{agent}", agent, StringComparison.Ordinal)).ToList();
    }

    private static List<string> Strings(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) ? array.EnumerateArray().Select(e => e.GetString()!).ToList() : [];

    private static List<string> Patterns(JsonElement root, string name) =>
        root.GetProperty(name).EnumerateArray().Select(e => e.GetProperty("pattern").GetString()!).ToList();

    private ScopeManifest Load() => ManifestLoader.Load(File.ReadAllText(Path.Combine(directory.Path, "scopes.json")), "scopes.json").Manifest!;
}

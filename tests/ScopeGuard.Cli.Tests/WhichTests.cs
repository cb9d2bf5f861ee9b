using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using ScopeGuard.Cli.Tests.Support;

namespace ScopeGuard.Cli.Tests;

public sealed class WhichTests : IDisposable
{
    private const string Manifest = """
        {
          "version": 1,
          "settings": {
            "protectedPaths": ["/scopes.json", "/hooks/"],
            "defaults": { "paths": ["/docs/agents/{agent}.md"] }
          },
          "agents": {
            "billing": {
              "branches": ["agent/billing"],
              "paths": ["/src/Billing/", "/tests/Billing/"],
              "deny": ["/src/Billing/Generated/"]
            },
            "docs": { "branches": ["agent/docs"], "paths": ["/docs/", "*.md"] },
            "shared": { "branches": ["agent/shared"], "paths": ["/src/"] }
          }
        }
        """;

    private readonly TempRepo repo = TempRepo.Init(Manifest);

    public void Dispose() => repo.Dispose();

    [Fact]
    public void Which_OnePath_NamesEveryAgentThatMayWriteItAndTheRule()
    {
        var result = Which("src/Billing/Invoice.cs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            "src/Billing/Invoice.cs: billing (agents.billing.paths: /src/Billing/), shared (agents.shared.paths: /src/)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_PathNoAgentMayWrite_SaysNoAgentWithEachAgentsRuleAndExitsZero()
    {
        var result = Which("lib/Other.cs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("lib/Other.cs: no agent (billing: default deny; docs: default deny; shared: default deny)", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_PathDeniedToItsOnlyOwner_NamesTheDenyRuleForThatAgent()
    {
        repo.Write("scopes.json", """
            {
              "version": 1,
              "agents": {
                "billing": { "paths": ["/src/Billing/"], "deny": ["/src/Billing/Generated/"] },
                "docs": { "paths": ["/docs/"] }
              }
            }
            """);

        var result = Which("src/Billing/Generated/InvoiceDto.cs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            "src/Billing/Generated/InvoiceDto.cs: no agent (billing: denied by agents.billing.deny: /src/Billing/Generated/; docs: default deny)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_DeniedPathAnotherAgentMayWrite_NamesTheAllowedAgentAndTheDenyRule()
    {
        var result = Which("src/Billing/Generated/InvoiceDto.cs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            "src/Billing/Generated/InvoiceDto.cs: shared (agents.shared.paths: /src/); denied: billing (agents.billing.deny: /src/Billing/Generated/)",
            result.Output.TrimEnd('\n'));
    }

    [Theory]
    [InlineData("scopes.json", "/scopes.json")]
    [InlineData("hooks/pre-commit", "/hooks/")]
    public void Which_ProtectedPath_SaysNoAgentAndNamesTheProtection(string path, string pattern)
    {
        var result = Which(path);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal($"{path}: no agent (protected: settings.protectedPaths: {pattern})", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_ProtectedPathAsJson_EveryAgentIsRefusedAsProtected()
    {
        var result = Which("scopes.json", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("scopes.json", entry.GetProperty("path").GetString());
        var agents = entry.GetProperty("agents").EnumerateArray().ToList();
        Assert.Equal(["billing", "docs", "shared"], agents.Select(a => a.GetProperty("agent").GetString()!).ToArray());
        Assert.All(agents, a =>
        {
            Assert.False(a.GetProperty("allowed").GetBoolean());
            Assert.Equal("protected", a.GetProperty("verdict").GetString());
            Assert.Equal("settings.protectedPaths: /scopes.json", a.GetProperty("rule").GetString());
        });
    }

    [Fact]
    public void Which_DeniedPathUnderGrantedFolder_DenyBeatsPaths()
    {
        var result = Which("src/Billing/Generated/InvoiceDto.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            "src/Billing/Generated/InvoiceDto.cs: not allowed: denied (agents.billing.deny: /src/Billing/Generated/)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_OtherCaseOfDeniedFolderUnderCoreIgnoreCase_IsDenied()
    {
        repo.Git("config", "core.ignorecase", "true");

        var result = Which("src/Billing/generated/InvoiceDto.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            "src/Billing/generated/InvoiceDto.cs: not allowed: denied (agents.billing.deny: /src/Billing/Generated/)",
            result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_OtherCaseOfDeniedFolderWithoutCoreIgnoreCase_IsGrantedAsSpelled()
    {
        repo.Git("config", "core.ignorecase", "false");

        var result = Which("src/Billing/generated/InvoiceDto.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    [Fact]
    public void Which_DeniedPathAsJsonForAllAgents_ShowsDeniedForOwnerAndGrantedForOthers()
    {
        var result = Which("src/Billing/Generated/InvoiceDto.cs", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var agents = Assert.Single(json.RootElement.EnumerateArray()).GetProperty("agents").EnumerateArray()
            .ToDictionary(a => a.GetProperty("agent").GetString()!, a => (Allowed: a.GetProperty("allowed").GetBoolean(), Verdict: a.GetProperty("verdict").GetString(), Rule: a.GetProperty("rule").GetString()));
        Assert.Equal((false, "denied", "agents.billing.deny: /src/Billing/Generated/"), agents["billing"]);
        Assert.Equal((false, "not-granted", "default deny"), agents["docs"]);
        Assert.Equal((true, "granted", "agents.shared.paths: /src/"), agents["shared"]);
    }

    [Fact]
    public void Which_AgentAsJson_OneObjectPerPathWithPathAllowedAndRule()
    {
        var result = Which("src/Billing/Invoice.cs", "docs/index.md", "scopes.json", "--agent", "billing", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(3, entries.Count);
        Assert.All(entries, e => Assert.Equal(
            ["path", "allowed", "verdict", "rule", "partly", "symbols"],
            e.EnumerateObject().Select(p => p.Name).ToArray()));
        Assert.Equal(("src/Billing/Invoice.cs", true, "agents.billing.paths: /src/Billing/"), Row(entries[0]));
        Assert.Equal(("docs/index.md", false, "default deny"), Row(entries[1]));
        Assert.Equal(("scopes.json", false, "settings.protectedPaths: /scopes.json"), Row(entries[2]));
    }

    [Fact]
    public void Which_AgentAllowedEverywhere_ExitsZero()
    {
        var result = Which("src/Billing/Invoice.cs", "tests/Billing/InvoiceTests.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(
            [
                "src/Billing/Invoice.cs: allowed (agents.billing.paths: /src/Billing/)",
                "tests/Billing/InvoiceTests.cs: allowed (agents.billing.paths: /tests/Billing/)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_AgentNotAllowedOnePath_ExitsOne()
    {
        var result = Which("src/Billing/Invoice.cs", "src/Shipping/Shipment.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal("src/Shipping/Shipment.cs: not allowed (default deny)", result.OutputLines[1]);
    }

    [Fact]
    public void Which_ManyPaths_AnswersEachInOrder()
    {
        var paths = Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? $"src/Billing/F{i}.cs" : $"lib/F{i}.cs").ToArray();

        var result = Which([.. paths, "--agent", "billing", "--format", "json"]);

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var entries = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(paths, entries.Select(e => e.GetProperty("path").GetString()).ToArray());
        Assert.Equal(paths.Select(p => p.StartsWith("src/", StringComparison.Ordinal)).ToArray(), entries.Select(e => e.GetProperty("allowed").GetBoolean()).ToArray());
    }

    [Fact]
    public void Which_Dash_ReadsMorePathsFromInputInPlace()
    {
        var result = CliRunner.RunWithInput(
            repo.Path,
            "docs/a.md\n\nsrc/Billing/B.cs\r\nREADME.md\n",
            "which", "lib/first.cs", "-", "lib/last.cs", "--agent", "docs");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            [
                "lib/first.cs: not allowed (default deny)",
                "docs/a.md: allowed (agents.docs.paths: /docs/)",
                "src/Billing/B.cs: not allowed (default deny)",
                "README.md: allowed (agents.docs.paths: *.md)",
                "lib/last.cs: not allowed (default deny)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_AgentPlaceholderInDefaults_ExpandsToEachAgentsOwnName()
    {
        var result = Which("docs/agents/billing.md", "docs/agents/shared.md", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.EnumerateArray().ToList();
        var billingFile = rows[0].GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agent").GetString()!, a => a.GetProperty("rule").GetString());
        var sharedFile = rows[1].GetProperty("agents").EnumerateArray().ToDictionary(a => a.GetProperty("agent").GetString()!, a => a.GetProperty("allowed").GetBoolean());
        Assert.Equal("settings.defaults.paths: /docs/agents/billing.md", billingFile["billing"]);
        Assert.Equal("agents.docs.paths: /docs/", billingFile["docs"]);
        Assert.Equal("default deny", billingFile["shared"]);
        Assert.False(sharedFile["billing"]);
        Assert.True(sharedFile["docs"]);
        Assert.True(sharedFile["shared"]);
    }

    [Fact]
    public void Which_AgentPlaceholderForOtherAgent_IsNotAllowed()
    {
        var result = Which("docs/agents/billing.md", "docs/agents/shared.md", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            [
                "docs/agents/billing.md: allowed (settings.defaults.paths: /docs/agents/billing.md)",
                "docs/agents/shared.md: not allowed (default deny)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_UnknownAgentName_ExitsTwoAndListsDeclaredAgents()
    {
        var result = Which("src/Billing/Invoice.cs", "--agent", "biling");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("--agent names agent \"biling\", which scopes.json does not declare; declared agents: billing, docs, shared", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_PathRelativeToSubdirectory_IsJudgedFromTheRepositoryRoot()
    {
        var subdirectory = Path.Combine(repo.Path, "src", "Billing");
        Directory.CreateDirectory(subdirectory);

        var result = CliRunner.Run(subdirectory, "which", "Invoice.cs", "../Shipping/Shipment.cs", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            [
                "src/Billing/Invoice.cs: allowed (agents.billing.paths: /src/Billing/)",
                "src/Shipping/Shipment.cs: not allowed (default deny)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_DirectoryWithTrailingSlash_MatchesDirectoryOnlyPatterns()
    {
        var result = Which("src/Billing/", "src/Billing/Generated/", "--agent", "billing");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            [
                "src/Billing: allowed (agents.billing.paths: /src/Billing/)",
                "src/Billing/Generated: not allowed: denied (agents.billing.deny: /src/Billing/Generated/)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_MistypedOptionAfterPaths_ExitsTwoInsteadOfJudgingItAsAPath()
    {
        var result = Which("src/Billing/Invoice.cs", "--agnet", "billing");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Equal(string.Empty, result.Output);
        Assert.Contains("unknown option '--agnet'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_PathStartingWithDash_IsJudgedWhenWrittenWithDotSlash()
    {
        var result = Which("./-notes.md", "--agent", "docs");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("-notes.md: allowed (agents.docs.paths: *.md)", result.Output.TrimEnd('\n'));
    }

    [Fact]
    public void Which_PathOutsideRepository_ExitsTwo()
    {
        var result = Which("../elsewhere.txt");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("is outside the repository", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_ManifestOptionOutsideRepository_TakesPathsAsTyped()
    {
        using var elsewhere = new TempDirectory();
        elsewhere.Write("m.json", Manifest);

        var result = CliRunner.Run(elsewhere.Path, "which", "./src/Billing/Invoice.cs", "/docs/x.md", "--agent", "billing", "--manifest", "m.json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        Assert.Equal(
            [
                "src/Billing/Invoice.cs: allowed (agents.billing.paths: /src/Billing/)",
                "docs/x.md: not allowed (default deny)",
            ],
            result.OutputLines);
    }

    [Fact]
    public void Which_BrokenManifest_ExitsTwoWithSg0007()
    {
        repo.Write("scopes.json", "{ \"version\": 1, \"agents\": { \"a\": { \"paths\": [\"\"] } } }");

        var result = Which("src/a.cs");

        Assert.True(result.ExitCode == ExitCodes.Error, result.ToString());
        Assert.Contains("scopes.json(1,46): error SG0007: invalid path pattern \"\"", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Which_UnicodeAndSpacesInPaths_AreJudgedAndPrintedAsIs()
    {
        var result = Which("src/Billing/Größe und Maß.cs", "docs/\"quoted\" name.md", "--agent", "billing", "--format", "json");

        Assert.True(result.ExitCode == ExitCodes.Findings, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var rows = json.RootElement.EnumerateArray().Select(Row).ToArray();
        Assert.Equal(("src/Billing/Größe und Maß.cs", true, "agents.billing.paths: /src/Billing/"), rows[0]);
        Assert.Equal(("docs/\"quoted\" name.md", false, "default deny"), rows[1]);
    }

    private static (string? Path, bool Allowed, string? Rule) Row(JsonElement e) =>
        (e.GetProperty("path").GetString(), e.GetProperty("allowed").GetBoolean(), e.GetProperty("rule").GetString());

    private CliResult Which(params string[] args) => CliRunner.Run(repo.Path, ["which", .. args]);
}

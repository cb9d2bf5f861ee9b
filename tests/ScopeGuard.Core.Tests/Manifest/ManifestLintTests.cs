using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Manifest;

public sealed class ManifestLintTests
{
    private static ScopeManifest Load(string json)
    {
        var result = ManifestLoader.Load(json, "scopes.json");
        Assert.True(result.Manifest is not null, string.Join("\n", result.Errors));
        return result.Manifest!;
    }

    private static string OneAgent(params string[] branches) =>
        "{ \"version\": 1, \"agents\": { \"billing\": { \"branches\": [" + string.Join(", ", branches.Select(b => "\"" + b + "\"")) + "], \"paths\": [\"/src/\"] } } }";

    [Theory]
    [InlineData("agent/billing", "agent/billing/*")]
    [InlineData("agent/billing", "agent/billing/**")]
    [InlineData("agent/billing", "agent/billing/fix/*")]
    [InlineData("agent/billing", "agent/billing/x")]
    [InlineData("team", "team/a/b")]
    [InlineData("team", "team/a/*-b")]
    [InlineData("agent/billing", "agent/billing/[ab]")]
    public void Check_LiteralAndAPatternOnlyUnderIt_WarnsAtThePattern(string literal, string under)
    {
        var json = OneAgent(literal, under);
        var warning = Assert.Single(ManifestLint.Check(Load(json)));

        Assert.Equal(DiagnosticIds.BranchRefConflict, warning.Id);
        Assert.Equal("scopes.json", warning.Path);
        Assert.Equal(new TextPosition(1, json.IndexOf("\"" + under + "\"", System.StringComparison.Ordinal) + 1), warning.Position);
        Assert.Contains($"\"{under}\"", warning.Message, System.StringComparison.Ordinal);
        Assert.Contains($"branch \"{literal}\" (1:{json.IndexOf("\"" + literal + "\"", System.StringComparison.Ordinal) + 1})", warning.Message, System.StringComparison.Ordinal);
        Assert.StartsWith($"scopes.json(1,{warning.Position.Column}): warning SG0103: ", warning.ToString(), System.StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent/billing", "agent/billing-*")]
    [InlineData("agent/billing", "agent/*")]
    [InlineData("agent/billing", "agent/**")]
    [InlineData("agent/billing", "agent/billing*/x")]
    [InlineData("agent/billing", "agent/billingx/y")]
    [InlineData("agent/bill", "agent/billing/x")]
    [InlineData("agent/billing/*", "agent/billing/x/*")]
    public void Check_BranchesGitCanHoldTogether_NoWarning(string first, string second)
    {
        Assert.Empty(ManifestLint.Check(Load(OneAgent(first, second))));
    }

    [Fact]
    public void Check_ConflictAcrossAgents_WarnsAndNamesTheOtherAgent()
    {
        const string json = """
            {
              "version": 1,
              "agents": {
                "team": { "branches": ["team"], "paths": ["/docs/"] },
                "billing": { "branches": ["team/billing/*"], "paths": ["/src/"] }
              }
            }
            """;

        var warning = Assert.Single(ManifestLint.Check(Load(json)));

        Assert.Equal(new TextPosition(5, 31), warning.Position);
        Assert.Contains("branch pattern \"team/billing/*\" of agent \"billing\" lies under agent \"team\"'s branch \"team\" (4:28)", warning.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ExampleManifest_NoWarning()
    {
        var text = System.IO.File.ReadAllText(System.IO.Path.Combine(RepositoryRoot.Find(), "scopes.example.json"));

        Assert.Empty(ManifestLint.Check(Load(text)));
    }
}

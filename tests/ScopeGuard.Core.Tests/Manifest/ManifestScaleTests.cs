using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Manifest;

// Validation must stay near-linear in the number of agents (issue 11, item 16). Timing belongs in
// bench/ (ManifestLoadBenchmarks, docs/performance.md); these tests check that large manifests load,
// that the cross-agent checks still find what they found, and that the caps answer with SG0007.
[Collection(SeededPropertyTests.Name)]
public sealed class ManifestScaleTests
{
    // Each agent as a team would write it: a literal branch and a wildcard below it, paths, a deny, a symbol.
    internal static string Generate(int agents)
    {
        var text = new StringBuilder("{\n  \"version\": 1,\n  \"agents\": {\n");
        for (var i = 0; i < agents; i++)
        {
            var name = "agent" + i.ToString(CultureInfo.InvariantCulture);
            text.Append(i == 0 ? string.Empty : ",\n")
                .Append("    \"").Append(name).Append("\": { \"branches\": [\"agent/").Append(name).Append("\", \"agent/").Append(name).Append("/*\"], ")
                .Append("\"paths\": [\"src/").Append(name).Append("/\", \"tests/").Append(name).Append("/\"], ")
                .Append("\"deny\": [\"src/").Append(name).Append("/Generated/\"], ")
                .Append("\"symbols\": { \"edit\": [\"N:Contoso.").Append(name).Append("\"] } }");
        }

        return text.Append("\n  }\n}\n").ToString();
    }

    [Theory]
    [InlineData(800)]
    [InlineData(8_000)]
    public void Load_ManyAgentsWithLiteralAndWildcardBranches_LoadsEveryAgent(int agents)
    {
        var result = ManifestLoader.Load(Generate(agents), "scopes.json");

        Assert.Empty(result.Errors);
        Assert.Equal(agents, result.Manifest!.Agents.Count);
        Assert.Equal("agent7", Assert.Single(result.Manifest.AgentsForBranch("agent/agent7/x")).Agent.Name);
    }

    // A guard against a load that never finishes (main took minutes here), not a timing assertion:
    // the limit is two orders of magnitude above what a linear load needs.
    [Fact(Timeout = 120_000)]
    public async Task Load_FifteenThousandAgents_Completes()
    {
        var text = Generate(15_000);
        Assert.True(text.Length <= ManifestLoader.MaxLength);

        var result = await Task.Run(() => ManifestLoader.Load(text, "scopes.json"));

        Assert.Empty(result.Errors);
        Assert.Equal(15_000, result.Manifest!.Agents.Count);
    }

    [Theory]
    [InlineData("agent/b?", "agent/bx")]
    [InlineData("*", "bx")]
    [InlineData("agent/*", "agent/bx")]
    [InlineData("agent/[a-c]x", "agent/bx")]
    [InlineData("agent/\\bx", "agent/bx")]
    [InlineData("agent/**", "agent/bx/y")]
    public void Load_LiteralBranchMatchedByAWildcardOfAnotherAgent_IsStillFoundAmongManyAgents(string wildcard, string literal)
    {
        var text = new StringBuilder("{ \"version\": 1, \"agents\": {\n");
        for (var i = 0; i < 500; i++)
        {
            text.Append("\"filler").Append(i).Append("\": { \"branches\": [\"team/filler").Append(i).Append("\", \"team/filler").Append(i).Append("/*\"] },\n");
        }

        text.Append("\"a\": { \"branches\": [\"").Append(wildcard.Replace("\\", "\\\\")).Append("\"] },\n");
        text.Append("\"b\": { \"branches\": [\"").Append(literal).Append("\"] }\n} }");

        var result = ManifestLoader.Load(text.ToString(), "scopes.json");

        var error = Assert.Single(result.Errors);
        Assert.Equal(503, error.Position.Line);
        Assert.Contains($"branch \"{literal}\" of agent \"b\" also matches", error.Message);
        Assert.Contains("of agent \"a\"", error.Message);
    }

    [Fact]
    public void Load_LiteralBranchMatchedByTwoOtherAgents_ReportsEachAgentOnceInManifestOrder()
    {
        var result = ManifestLoader.Load("""
            {
              "version": 1,
              "agents": {
                "c": { "branches": ["agent/*", "agent/b*"] },
                "a": { "branches": ["agent/?"] },
                "b": { "branches": ["agent/b"] }
              }
            }
            """, "scopes.json");

        Assert.Collection(
            result.Errors,
            e => Assert.Contains("also matches \"agent/*\" of agent \"c\"", e.Message),
            e => Assert.Contains("also matches \"agent/?\" of agent \"a\"", e.Message));
    }

    [Fact]
    public void Load_DefaultsCopiedIntoTooManyAgents_IsAnErrorAtTheAgentOverTheCap()
    {
        var text = new StringBuilder("{ \"version\": 1, \"settings\": { \"defaults\": { \"paths\": [");
        text.Append(string.Join(", ", Enumerable.Range(0, 1_000).Select(i => $"\"d{i}/\"")));
        text.Append("] } },\n\"agents\": {\n");
        text.Append(string.Join(",\n", Enumerable.Range(0, 1_001).Select(i => $"\"a{i}\": {{}}")));
        text.Append("\n} }");

        var result = ManifestLoader.Load(text.ToString(), "scopes.json");

        Assert.Null(result.Manifest);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new TextPosition(1_003, 1), error.Position);
        Assert.Contains("more than 1,000,000 rules", error.Message);
        Assert.Contains("agent \"a1000\"", error.Message);
        Assert.StartsWith("scopes.json(1003,1): error SG0007:", error.ToString());
    }

    [Fact]
    public void Load_WildcardBranchesOfManyAgentsSharingAPrefix_IsAnErrorOverTheComparisonCap()
    {
        // Every literal "x/aN" must be tested against every "x/*-M": 1,001 x 1,001 tests.
        var text = new StringBuilder("{ \"version\": 1, \"agents\": {\n");
        text.Append(string.Join(",\n", Enumerable.Range(0, 1_001).Select(i => $"\"a{i}\": {{ \"branches\": [\"x/a{i}\", \"x/*-{i}\"] }}")));
        text.Append("\n} }");

        var result = ManifestLoader.Load(text.ToString(), "scopes.json");

        Assert.Null(result.Manifest);
        var error = Assert.Single(result.Errors);
        Assert.Equal(999 + 2, error.Position.Line);
        Assert.Contains("more than 1,000,000 comparisons", error.Message);
        Assert.Contains("\"agent/a999/*\"", error.Message);
    }
}

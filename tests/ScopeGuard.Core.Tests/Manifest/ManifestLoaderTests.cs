using System.IO;
using System.Linq;
using ScopeGuard.Core.Manifest;
using ScopeGuard.Core.Text;

namespace ScopeGuard.Core.Tests.Manifest;

public sealed class ManifestLoaderTests
{
    private const string Minimal = """
        {
          "version": 1,
          "agents": {
            "billing": { "branches": ["agent/billing"], "paths": ["/src/Billing/"] }
          }
        }
        """;

    private static ManifestError SingleError(string json)
    {
        var result = ManifestLoader.Load(json, "scopes.json");
        Assert.Null(result.Manifest);
        return Assert.Single(result.Errors);
    }

    [Fact]
    public void Load_ExampleManifest_IsValid()
    {
        var path = Path.Combine(RepositoryRoot.Find(), "scopes.example.json");
        var result = ManifestLoader.Load(File.ReadAllText(path), "scopes.example.json");

        Assert.Empty(result.Errors);
        var manifest = Assert.IsType<ScopeManifest>(result.Manifest);
        Assert.True(manifest.Agents.Count >= 4);
        Assert.Contains(manifest.Agents, a => a.Name == "tests");
        Assert.Contains(manifest.Agents, a => a.Name == "docs");
    }

    [Fact]
    public void Load_MinimalManifest_AppliesDefaults()
    {
        var manifest = ManifestLoader.Load(Minimal, "scopes.json").Manifest!;

        Assert.Equal(ScopeMode.Block, manifest.Settings.Mode);
        Assert.Equal("main", manifest.Settings.BaseBranch);
        Assert.Equal(UnknownAgentPolicy.Allow, manifest.Settings.UnknownAgent);
        Assert.Contains(manifest.Settings.ProtectedPaths, p => p.Source == "/scopes.json");
        Assert.Equal("main", Assert.Single(manifest.Settings.ProtectedBranches).Source);
        Assert.Equal(ScopeMode.Block, manifest.FindAgent("billing")!.Mode);
    }

    [Fact]
    public void Load_TrailingCommaInArray_PointsAtTheComma()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": { "a": { "paths": ["/x/",] } }
            }
            """);

        Assert.Equal(new TextPosition(3, 37), error.Position);
        Assert.Contains("trailing comma", error.Message);
    }

    [Fact]
    public void Load_TrailingCommaInObject_PointsAtTheComma()
    {
        var error = SingleError("{\n  \"version\": 1,\n  \"agents\": { \"a\": {} },\n}");

        Assert.Equal(new TextPosition(3, 24), error.Position);
        Assert.Contains("trailing comma", error.Message);
    }

    [Fact]
    public void Load_UnknownKey_NamesItAndSuggestsTheRightOne()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": { "a": { "Paths": ["/x/"] } }
            }
            """);

        Assert.Equal(new TextPosition(3, 22), error.Position);
        Assert.Contains("unknown key \"Paths\"", error.Message);
        Assert.Contains("did you mean \"paths\"", error.Message);
    }

    [Fact]
    public void Load_WrongType_SaysWhatWasExpected()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": { "a": { "paths": "/x/" } }
            }
            """);

        Assert.Equal(new TextPosition(3, 31), error.Position);
        Assert.Contains("agents.a.paths must be an array, not a string", error.Message);
    }

    [Fact]
    public void Load_DuplicateAgent_PointsAtTheSecondAndNamesTheFirst()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["/x/"] },
                "a": { "paths": ["/y/"] }
              }
            }
            """);

        Assert.Equal(new TextPosition(5, 5), error.Position);
        Assert.Contains("duplicate agent \"a\" (first declared at 4:5)", error.Message);
    }

    [Theory]
    [InlineData("\"\"", "may not be empty")]
    [InlineData("\"   \"", "may not be empty")]
    [InlineData("\"src/[a\"", "unclosed '['")]
    [InlineData("\"!src/\"", "negation")]
    [InlineData("\"#x\"", "comment")]
    [InlineData("\"../x\"", "'..'")]
    [InlineData("\"a//b\"", "empty segment")]
    [InlineData("\"/\"", "matches nothing")]
    [InlineData("\"src\\\\\"", "trailing backslash")]
    [InlineData("\"src/{agnet}/\"", "unknown placeholder {agnet}")]
    [InlineData("\"[[:alhpa:]]\"", "unknown character class '[:alhpa:]'")]
    public void Load_InvalidPathPattern_IsReportedAtThePattern(string pattern, string expected)
    {
        var error = SingleError($$"""
            {
              "version": 1,
              "agents": { "a": { "paths": [{{pattern}}] } }
            }
            """);

        Assert.Equal(new TextPosition(3, 32), error.Position);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_BranchPatternClaimedByTwoAgents_IsAnError()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": {
                "a": { "branches": ["agent/x"] },
                "b": { "branches": ["agent/x"] }
              }
            }
            """);

        Assert.Equal(new TextPosition(5, 25), error.Position);
        Assert.Contains("claimed by agent \"a\"", error.Message);
    }

    [Fact]
    public void Load_LiteralBranchMatchedByAnotherAgentsPattern_IsAnError()
    {
        var error = SingleError("""
            {
              "version": 1,
              "agents": {
                "a": { "branches": ["agent/*"] },
                "b": { "branches": ["agent/b"] }
              }
            }
            """);

        Assert.Equal(new TextPosition(5, 25), error.Position);
        Assert.Contains("also matches \"agent/*\" of agent \"a\"", error.Message);
    }

    [Theory]
    [InlineData("", 1, 1, "empty")]
    [InlineData("[]", 1, 1, "must be a JSON object")]
    [InlineData("{ \"version\": 1, \"agents\": {} } x", 1, 32, "after the end")]
    [InlineData("{ // c\n}", 1, 3, "comments are not allowed")]
    [InlineData("{ 'version': 1 }", 1, 3, "member name in double quotes")]
    [InlineData("{ \"version\": 1 \"agents\": {} }", 1, 16, "is a comma missing")]
    [InlineData("{ \"version\": 2, \"agents\": { \"a\": {} } }", 1, 14, "unsupported version 2")]
    [InlineData("{ \"version\": \"1\", \"agents\": { \"a\": {} } }", 1, 14, "must be the number 1")]
    [InlineData("{ \"agents\": { \"a\": {} } }", 1, 1, "missing \"version\"")]
    [InlineData("{ \"version\": 1 }", 1, 1, "missing \"agents\"")]
    [InlineData("{ \"version\": 1, \"agents\": {} }", 1, 27, "empty")]
    [InlineData("{ \"version\": 1, \"agents\": { \"bad name\": {} } }", 1, 29, "invalid agent name")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"mode\": \"strict\" } } }", 1, 44, "\"block\" or \"warn\"")]
    [InlineData("{ \"version\": 1, \"settings\": { \"unknownAgent\": \"deny\" }, \"agents\": { \"a\": {} } }", 1, 47, "\"allow\" or \"block\"")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"branches\": [\"refs/heads/x\"] } } }", 1, 49, "without 'refs/heads/'")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"symbols\": { \"edit\": [\"Contoso.Billing\"] } } } }", 1, 58, "documentation comment ID")]
    [InlineData("{ \"version\": 1, \"settings\": { \"protectedPaths\": [\"/{agent}/\"] }, \"agents\": { \"a\": {} } }", 1, 50, "{agent} has no meaning")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"paths\": [\"/x/\", \"/x/\"] } } }", 1, 53, "listed twice")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"paths\": [\"a\nb\"] } } }", 1, 48, "line break inside a string")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"paths\": [\"\\x\"] } } }", 1, 47, "invalid escape")]
    [InlineData("{ \"version\": 1, \"agents\": { \"a\": { \"paths\": [1] } } }", 1, 46, "must be a string, not a number")]
    public void Load_BadInput_OneClearErrorWithPosition(string json, int line, int column, string expected)
    {
        var error = SingleError(json);

        Assert.Equal(new TextPosition(line, column), error.Position);
        Assert.Contains(expected, error.Message);
        Assert.Equal("scopes.json", error.Path);
    }

    [Fact]
    public void Load_SeveralErrors_AreAllReportedInFileOrder()
    {
        var result = ManifestLoader.Load("""
            {
              "version": 1,
              "agents": {
                "a": { "paths": ["src/[x"], "deny": [""] },
                "b": { "mode": "loud", "colour": "red" }
              }
            }
            """, "scopes.json");

        Assert.Equal(4, result.Errors.Count);
        Assert.Equal(result.Errors.OrderBy(e => e.Position.Line).ThenBy(e => e.Position.Column), result.Errors);
    }

    [Fact]
    public void Load_DeeplyNestedInput_IsRefusedWithoutCrashing()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);

        var error = SingleError(json);

        Assert.Contains("nesting deeper than", error.Message);
    }

    [Fact]
    public void Load_DefaultsWithAgentPlaceholder_ExpandPerAgent()
    {
        var manifest = ManifestLoader.Load("""
            {
              "version": 1,
              "settings": { "defaults": { "paths": ["/src/{agent}/"], "deny": ["/src/{agent}/Generated/"] } },
              "agents": { "billing": {}, "shipping": { "paths": ["/docs/"] } }
            }
            """, "scopes.json").Manifest!;

        var billing = manifest.FindAgent("billing")!;
        var shipping = manifest.FindAgent("shipping")!;
        Assert.Equal(["/src/billing/"], billing.Paths.Select(p => p.Pattern.Text));
        Assert.Equal(["/docs/", "/src/shipping/"], shipping.Paths.Select(p => p.Pattern.Text));
        Assert.Equal("/src/shipping/Generated/", Assert.Single(shipping.Deny).Pattern.Text);
        Assert.Equal("settings.defaults.paths", billing.Paths[0].Origin);
    }

    [Fact]
    public void Load_ByteOrderMark_IsAccepted()
    {
        var result = ManifestLoader.Load("\uFEFF" + Minimal, "scopes.json");

        Assert.Empty(result.Errors);
    }
}
